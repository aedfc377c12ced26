using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Pipeline.Tests;

/// <summary>Small batches of each signal, as a receiver would hand them over.</summary>
internal static class Batches
{
    public static TelemetryBatch Of(Signal signal, string claimedTenant = "")
    {
        TelemetryBatch batch = signal switch
        {
            Signal.Metrics => Metrics(),
            Signal.Logs => Logs(),
            _ => SpansOfTraces(1),
        };
        batch.Tenant = claimedTenant;
        return batch;
    }

    public static TelemetryBatch Empty(Signal signal) => signal switch
    {
        Signal.Metrics => new MetricBatch(),
        Signal.Logs => new LogBatch(),
        _ => new SpanBatch(),
    };

    private static MetricBatch Metrics()
    {
        var batch = new MetricBatch();
        var first = batch.Labels.Count;
        batch.AddLabel("__name__"u8, "http_requests_total"u8);
        batch.AddLabel("job"u8, "checkout"u8);
        var series = batch.EndSeries(first, MetricType.Counter);
        batch.AddSample(series, 1_700_000_000_000, 1);
        batch.AddSample(series, 1_700_000_015_000, 2);
        return batch;
    }

    private static LogBatch Logs()
    {
        var batch = new LogBatch();
        var resource = batch.Resources.Add(new ResourceRef(AttributeRange.Empty, 0, Utf8Ref.Empty));
        var scope = batch.Scopes.Add(new ScopeRef(batch.Strings.Intern("app"u8), Utf8Ref.Empty, AttributeRange.Empty, 0, Utf8Ref.Empty));
        for (var i = 0; i < 3; i++)
        {
            var start = batch.Attributes.Count;
            batch.AddAttribute("order.id"u8, AnyValue.OfInt(i));
            batch.Add(new LogRecordFields
            {
                TimeUnixNano = 1_700_000_000_000_000_000 + i,
                SeverityNumber = 17,
                Body = AnyValue.OfString(batch.Strings.Intern("payment failed"u8)),
                Attributes = batch.RangeFrom(start),
                Resource = resource,
                Scope = scope,
            });
        }
        return batch;
    }

    /// <summary>One span in each of <paramref name="traces"/> traces whose ids' random parts spread evenly over their range.</summary>
    public static SpanBatch SpansOfTraces(int traces)
    {
        var batch = new SpanBatch();
        var resource = batch.Resources.Add(new ResourceRef(AttributeRange.Empty, 0, Utf8Ref.Empty));
        var scope = batch.Scopes.Add(new ScopeRef(Utf8Ref.Empty, Utf8Ref.Empty, AttributeRange.Empty, 0, Utf8Ref.Empty));
        for (var i = 0; i < traces; i++)
        {
            batch.Add(new SpanFields
            {
                TraceId = new TraceId(7, (ulong)i * ((1UL << 56) / (ulong)traces)),
                SpanId = new SpanId((ulong)i + 1),
                Name = batch.Strings.Intern("GET /cart"u8),
                StartTimeUnixNano = 1_700_000_000_000_000_000,
                EndTimeUnixNano = 1_700_000_000_250_000_000,
                Resource = resource,
                Scope = scope,
            });
        }
        return batch;
    }
}
