using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Pipeline.SpanMetrics;

namespace OllyStack.Pipeline.Tests.SpanMetrics;

public sealed class SpanMetricsDeriverTests
{
    private const long Start = 1_700_000_000_000_000_000;

    private static SpanBatch Spans(params (string Service, string Name, byte Status, byte Kind, double Seconds)[] spans)
    {
        var batch = new SpanBatch { Tenant = "acme" };
        var resources = new Dictionary<string, int>();
        foreach (var (service, name, status, kind, seconds) in spans)
        {
            if (!resources.TryGetValue(service, out var resource))
            {
                var first = batch.Attributes.Count;
                if (service.Length > 0) batch.AddAttribute("service.name"u8, AnyValue.OfString(batch.Strings.Intern(service)));
                resources[service] = resource = batch.Resources.Add(new ResourceRef(batch.RangeFrom(first), 0, Utf8Ref.Empty));
            }
            batch.Add(new SpanFields
            {
                TraceId = new TraceId(1, 2),
                SpanId = new SpanId((ulong)batch.RecordCount + 1),
                // Added, not interned: the same name stored twice must still group as one.
                Name = batch.Strings.Add(name),
                Kind = kind,
                StatusCode = status,
                StartTimeUnixNano = Start,
                EndTimeUnixNano = Start + (long)(seconds * 1e9),
                Resource = resource,
            });
        }
        return batch;
    }

    private static Dictionary<string, double> Samples(MetricBatch metrics)
    {
        var samples = new Dictionary<string, double>();
        for (var i = 0; i < metrics.SampleSeries.Count; i++)
        {
            var series = metrics.SampleSeries[i];
            Assert.Equal(SeriesFlags.Delta, metrics.Series[series].Flags);
            var labels = metrics.LabelsOf(series).ToArray().Select(l => $"{Encoding.UTF8.GetString(metrics.Strings[l.Name])}={Encoding.UTF8.GetString(metrics.Strings[l.Value])}");
            samples[string.Join(",", labels)] = metrics.SampleValues[i];
        }
        return samples;
    }

    [Fact]
    public void CallsAreCountedPerServiceOperationStatusAndKind()
    {
        using var spans = Spans(("checkout", "GET /cart", 0, 2, 0.003), ("checkout", "GET /cart", 0, 2, 0.3), ("checkout", "GET /cart", 2, 2, 0.05), ("", "work", 1, 1, 20));

        using var metrics = SpanMetricsDeriver.Derive(spans, [], 1_700_000_000_000)!;
        var samples = Samples(metrics);

        Assert.Equal("acme", metrics.Tenant);
        Assert.Equal(2, samples["__name__=ollystack_span_calls_total,operation=GET /cart,service=checkout,span_kind=SPAN_KIND_SERVER,status_code=STATUS_CODE_UNSET"]);
        Assert.Equal(1, samples["__name__=ollystack_span_calls_total,operation=GET /cart,service=checkout,span_kind=SPAN_KIND_SERVER,status_code=STATUS_CODE_ERROR"]);
        Assert.Equal(1, samples["__name__=ollystack_span_calls_total,operation=work,service=unknown_service,span_kind=SPAN_KIND_INTERNAL,status_code=STATUS_CODE_OK"]);
        Assert.All(Enumerable.Range(0, metrics.SampleTimestamps.Count), i => Assert.Equal(1_700_000_000_000, metrics.SampleTimestamps[i]));
    }

    [Fact]
    public void DurationsFillCumulativeBucketsWithSumAndCount()
    {
        using var spans = Spans(("api", "q", 0, 2, 0.003), ("api", "q", 0, 2, 0.3), ("api", "q", 0, 2, 20));

        using var metrics = SpanMetricsDeriver.Derive(spans, [], 0)!;
        var samples = Samples(metrics);
        double Bucket(string le) => samples[$"__name__=ollystack_span_duration_seconds_bucket,le={le},operation=q,service=api,span_kind=SPAN_KIND_SERVER,status_code=STATUS_CODE_UNSET"];

        Assert.Equal(0, Bucket("0.002"));
        Assert.Equal(1, Bucket("0.004"));
        Assert.Equal(1, Bucket("0.2"));
        Assert.Equal(2, Bucket("0.4"));
        Assert.Equal(2, Bucket("15"));
        Assert.Equal(3, Bucket("+Inf"));
        Assert.Equal(3, samples["__name__=ollystack_span_duration_seconds_count,operation=q,service=api,span_kind=SPAN_KIND_SERVER,status_code=STATUS_CODE_UNSET"]);
        Assert.Equal(20.303, samples["__name__=ollystack_span_duration_seconds_sum,operation=q,service=api,span_kind=SPAN_KIND_SERVER,status_code=STATUS_CODE_UNSET"], 9);
    }

    [Fact]
    public void ServiceCallsAreCountedPerClientAndServerWithTheirFailures()
    {
        using var spans = Spans(("cart", "GET /cart", 0, 2, 0.01));
        ServiceCall[] calls = [new("frontend", "cart", false), new("frontend", "cart", true), new("cart", "db", false)];

        using var metrics = SpanMetricsDeriver.Derive(spans, calls, 0)!;
        var samples = Samples(metrics);

        Assert.Equal(2, samples["__name__=ollystack_service_graph_request_total,client=frontend,server=cart"]);
        Assert.Equal(1, samples["__name__=ollystack_service_graph_request_failed_total,client=frontend,server=cart"]);
        Assert.Equal(1, samples["__name__=ollystack_service_graph_request_total,client=cart,server=db"]);
        Assert.Equal(0, samples["__name__=ollystack_service_graph_request_failed_total,client=cart,server=db"]);
    }

    [Fact]
    public void AnEmptyBatchYieldsNoMetrics()
    {
        using var spans = new SpanBatch();

        Assert.Null(SpanMetricsDeriver.Derive(spans, [], 0));
    }
}
