using System.Net.Http.Headers;
using Google.Protobuf;
using OllyStack.Benchmarks.Workloads;
using Snappier;

namespace OllyStack.Benchmarks.Load;

/// <summary>Pre-encoded request bodies of one kind, sent round-robin so the client spends its CPU on sending, not encoding.</summary>
public sealed class IngestWorkload
{
    private IngestWorkload(string name, string path, string topic, int recordsPerRequest, IReadOnlyList<byte[]> bodies, bool snappy)
    {
        Name = name;
        Path = path;
        Topic = topic;
        RecordsPerRequest = recordsPerRequest;
        Bodies = bodies;
        Snappy = snappy;
    }

    public string Name { get; }

    public string Path { get; }

    /// <summary>The WAL topic the records land in (for the fsync figures).</summary>
    public string Topic { get; }

    public int RecordsPerRequest { get; }

    public IReadOnlyList<byte[]> Bodies { get; }

    public bool Snappy { get; }

    /// <summary>The signal and protocol tags the server's request metrics carry for this workload.</summary>
    public string Signal => Topic;

    public string Protocol => Snappy ? "prometheus_remote_write" : "otlp_http";

    public double RawBytesPerRecord { get; private init; }

    public static IngestWorkload Create(string name)
    {
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;
        return name switch
        {
            // 100,000 series in 50 requests of 2,000, over 8 scrape rounds 15 s apart: 400 distinct requests.
            "remote-write" => Build(name, "/api/v1/write", "metrics", 2000, 400, i => PrometheusStyleSeries.Request(i % 50 * 2000, 2000, t0 + i / 50 * 15_000).ToByteArray(), snappy: true),
            // 1,000 node-exporter hosts (41 series each) in requests of 50 hosts, 30 scrapes 10 s apart: 600 requests.
            "node-fleet" => Build(name, "/api/v1/write", "metrics", 50 * NodeExporterFleet.SeriesPerHost, 600,
                i => new NodeExporterFleet(1000).Scrape(i % 20 * 50, 50, i / 20, t0).ToByteArray(), snappy: true),
            "otlp-metrics" => Build(name, "/v1/metrics", "metrics", 2000, 64, i => OtlpRequests.Metrics(2000, (t0 + i * 1000) * 1_000_000, i).ToByteArray(), snappy: false),
            "otlp-logs" => Build(name, "/v1/logs", "logs", 1000, 64, i => OtlpRequests.Logs(1000, (t0 + i * 1000) * 1_000_000, i).ToByteArray(), snappy: false),
            "otlp-spans" => Build(name, "/v1/traces", "traces", 1000, 64, i => OtlpRequests.Spans(1000, (t0 + i * 1000) * 1_000_000, i).ToByteArray(), snappy: false),
            _ => throw new ArgumentException($"unknown workload '{name}': remote-write, node-fleet, otlp-metrics, otlp-logs, otlp-spans"),
        };
    }

    public HttpContent Content(int index)
    {
        var content = new ByteArrayContent(Bodies[index % Bodies.Count]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (Snappy) content.Headers.ContentEncoding.Add("snappy");
        return content;
    }

    private static IngestWorkload Build(string name, string path, string topic, int records, int count, Func<int, byte[]> encode, bool snappy)
    {
        var raw = Enumerable.Range(0, count).Select(encode).ToList();
        var bodies = snappy ? raw.Select(b => global::Snappier.Snappy.CompressToArray(b)).ToList() : raw;
        return new IngestWorkload(name, path, topic, records, bodies, snappy) { RawBytesPerRecord = raw.Average(b => b.Length) / records };
    }
}
