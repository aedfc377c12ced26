using OllyStack.Core.Metrics;
using static OllyStack.Ingest.Tests.OtlpJsonDecoding;

namespace OllyStack.Ingest.Tests;

/// <summary>OTLP/JSON metrics of every kind become the Prometheus series the OpenTelemetry compatibility rules give.</summary>
public class OtlpJsonMetricsToPrometheusTests
{
    private const string Request = """
        {"resourceMetrics":[{
          "resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"checkout"}},
            {"key":"service.instance.id","value":{"stringValue":"pod-1"}},
            {"key":"host.name","value":{"stringValue":"node-7"}}]},
          "scopeMetrics":[{"scope":{"name":"meter"},"metrics":[
            {"name":"system.memory.utilization","unit":"1","gauge":{"dataPoints":[
              {"timeUnixNano":"1700000000000000000","asDouble":0.75,"attributes":[{"key":"state","value":{"stringValue":"used"}}]}]}},
            {"name":"http.server.requests","unit":"{request}","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
              {"timeUnixNano":"1700000000000000000","asInt":"42","attributes":[{"key":"http.method","value":{"stringValue":"GET"}}]}]}},
            {"name":"http.server.duration","unit":"s","histogram":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","dataPoints":[
              {"timeUnixNano":"1700000000000000000","count":"6","sum":2.5,"bucketCounts":["1","2","2","1"],"explicitBounds":[0.1,0.5,1],
               "attributes":[{"key":"http.route","value":{"stringValue":"/cart"}}]}]}},
            {"name":"rpc.latency","unit":"ms","exponentialHistogram":{"aggregationTemporality":2,"dataPoints":[
              {"timeUnixNano":"1700000000000000000","count":"7","sum":12,"scale":0,"zeroCount":"1",
               "positive":{"offset":0,"bucketCounts":["2","3"]},"negative":{"bucketCounts":["1"]}}]}},
            {"name":"rpc.duration","unit":"ms","summary":{"dataPoints":[
              {"timeUnixNano":"1700000000000000000","count":"10","sum":55,
               "quantileValues":[{"quantile":0.5,"value":3},{"quantile":0.99,"value":9}]}]}}]}]}]}
        """;

    [Fact]
    public void EveryMetricKindBecomesItsPrometheusSeries()
    {
        var batch = DecodeMetrics(Request, out var rejections);

        Assert.Null(rejections.Message);
        Assert.Equal(
        [
            """system_memory_utilization_ratio{instance="pod-1",job="checkout",state="used"} 0.75""",
            """http_server_requests_total{http_method="GET",instance="pod-1",job="checkout"} 42""",
            """http_server_duration_seconds_bucket{http_route="/cart",instance="pod-1",job="checkout",le="0.1"} 1""",
            """http_server_duration_seconds_bucket{http_route="/cart",instance="pod-1",job="checkout",le="0.5"} 3""",
            """http_server_duration_seconds_bucket{http_route="/cart",instance="pod-1",job="checkout",le="1"} 5""",
            """http_server_duration_seconds_bucket{http_route="/cart",instance="pod-1",job="checkout",le="+Inf"} 6""",
            """http_server_duration_seconds_sum{http_route="/cart",instance="pod-1",job="checkout"} 2.5""",
            """http_server_duration_seconds_count{http_route="/cart",instance="pod-1",job="checkout"} 6""",
            """rpc_latency_milliseconds_bucket{instance="pod-1",job="checkout",le="-1"} 1""",
            """rpc_latency_milliseconds_bucket{instance="pod-1",job="checkout",le="0"} 2""",
            """rpc_latency_milliseconds_bucket{instance="pod-1",job="checkout",le="2"} 4""",
            """rpc_latency_milliseconds_bucket{instance="pod-1",job="checkout",le="4"} 7""",
            """rpc_latency_milliseconds_bucket{instance="pod-1",job="checkout",le="+Inf"} 7""",
            """rpc_latency_milliseconds_sum{instance="pod-1",job="checkout"} 12""",
            """rpc_latency_milliseconds_count{instance="pod-1",job="checkout"} 7""",
            """rpc_duration_milliseconds{instance="pod-1",job="checkout",quantile="0.5"} 3""",
            """rpc_duration_milliseconds{instance="pod-1",job="checkout",quantile="0.99"} 9""",
            """rpc_duration_milliseconds_sum{instance="pod-1",job="checkout"} 55""",
            """rpc_duration_milliseconds_count{instance="pod-1",job="checkout"} 10""",
            """target_info{host_name="node-7",instance="pod-1",job="checkout"} 1""",
        ], PrometheusSeriesText.Samples(batch));
        Assert.All(batch.SampleTimestamps.Span.ToArray(), timestamp => Assert.Equal(1_700_000_000_000, timestamp));
    }

    [Fact]
    public void EachMetricFamilyIsDescribedWithItsPrometheusType()
    {
        var batch = DecodeMetrics(Request);

        var families = batch.Metadata.Span.ToArray().Select(metadata => (batch.GetString(metadata.Family), metadata.Type, batch.GetString(metadata.Unit)));

        Assert.Equal(
        [
            ("system_memory_utilization_ratio", MetricType.Gauge, "1"),
            ("http_server_requests_total", MetricType.Counter, "{request}"),
            ("http_server_duration_seconds", MetricType.Histogram, "s"),
            ("rpc_latency_milliseconds", MetricType.Histogram, "ms"),
            ("rpc_duration_milliseconds", MetricType.Summary, "ms"),
        ], families);
    }

    [Fact]
    public void DeltaSumsAreMarkedForTheStoreToAccumulate()
    {
        var batch = DecodeMetrics(MetricRequest("""
            {"name":"bytes.sent","unit":"By","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_DELTA","isMonotonic":true,"dataPoints":[{"asInt":"512"}]}}
            """));

        Assert.Equal("""bytes_sent_bytes_total{job="checkout"}""", PrometheusSeriesText.Series(batch, 0));
        Assert.Equal(SeriesFlags.Delta, batch.Series[0].Flags);
        Assert.Equal(MetricType.Counter, batch.Series[0].Type);
    }
}
