using System.Diagnostics;
using System.Diagnostics.Metrics;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest;

/// <summary>The receivers' self-metrics (exported at /metrics by the server).</summary>
public static class IngestMetrics
{
    public const string MeterName = "OllyStack.Ingest";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("ollystack.ingest.requests", description: "Ingest requests by signal, protocol and response code.");
    private static readonly Counter<long> RequestBytes = Meter.CreateCounter<long>("ollystack.ingest.request.bytes", "By", "Request body bytes received, before decompression where the transport did not decompress.");
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("ollystack.ingest.records.accepted", description: "Records (samples, log records, spans) made durable.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("ollystack.ingest.records.rejected", description: "Records refused, by reason.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("ollystack.ingest.request.duration", "s", "Time from request start to acknowledgement.");
    private static long _inFlight;

    static IngestMetrics()
    {
        Meter.CreateObservableGauge("ollystack.ingest.requests.in_flight", () => Interlocked.Read(ref _inFlight), description: "Ingest requests being decoded or waiting for the log.");
    }

    public static long Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return Stopwatch.GetTimestamp();
    }

    public static void End(long started, Signal signal, string protocol, int code, long bytes)
    {
        Interlocked.Decrement(ref _inFlight);
        var signalName = signal.Name();
        var tags = new TagList { { "signal", signalName }, { "protocol", protocol }, { "code", CodeText(code) } };
        Requests.Add(1, tags);
        RequestBytes.Add(bytes, new TagList { { "signal", signalName }, { "protocol", protocol } });
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "signal", signalName }, { "protocol", protocol } });
    }

    public static void RecordAccepted(Signal signal, string tenant, long records)
    {
        if (records > 0) Accepted.Add(records, new TagList { { "signal", signal.Name() }, { "tenant", tenant } });
    }

    /// <summary>Reasons: invalid (refused by validation), malformed, unauthenticated, too_large, throttled, unavailable.</summary>
    public static void RecordRejected(Signal signal, string tenant, string reason, long records)
    {
        if (records > 0) Rejected.Add(records, new TagList { { "signal", signal.Name() }, { "tenant", tenant }, { "reason", reason } });
    }

    private static string CodeText(int code) => code switch
    {
        200 => "200", 204 => "204", 400 => "400", 401 => "401", 403 => "403", 413 => "413", 415 => "415",
        429 => "429", 500 => "500", 503 => "503", _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
