using Google.Protobuf;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Otlp.Resource;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.Ingest.Tests;

/// <summary>Builds OTLP requests with the generated message types, as a real SDK would serialize them.</summary>
internal static class ProtobufTestRequests
{
    public static readonly byte[] TraceIdBytes = Convert.FromHexString("5b8efff798038103d269b633813fc60c");
    public static readonly byte[] SpanIdBytes = Convert.FromHexString("eee19b7ec3c1b174");
    public static readonly byte[] ParentIdBytes = Convert.FromHexString("eee19b7ec3c1b173");

    public static Resource Resource(string service, params (string Key, string Value)[] extra)
    {
        var resource = new Resource();
        resource.Attributes.Add(Attr("service.name", service));
        foreach (var (key, value) in extra) resource.Attributes.Add(Attr(key, value));
        return resource;
    }

    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static ExportLogsServiceRequest Logs(int count, string service = "checkout")
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "test-scope", Version = "1.0" } };
        for (var i = 0; i < count; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = 1_700_000_000_000_000_000UL + (ulong)i,
                ObservedTimeUnixNano = 1_700_000_000_000_000_001UL + (ulong)i,
                SeverityNumber = SeverityNumber.Error,
                SeverityText = "ERROR",
                Body = new AnyValue { StringValue = $"payment {i} failed: card declined" },
                Attributes = { Attr("order.id", i), Attr("http.method", "POST") },
                TraceId = ByteString.CopyFrom(TraceIdBytes),
                SpanId = ByteString.CopyFrom(SpanIdBytes),
            });
        }
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { Resource = Resource(service), ScopeLogs = { scope } });
        return request;
    }

    public static ExportTraceServiceRequest Spans(int count, string service = "checkout")
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test-scope" } };
        for (var i = 0; i < count; i++)
        {
            var spanId = (byte[])SpanIdBytes.Clone();
            spanId[7] = (byte)(i + 1);
            scope.Spans.Add(new Span
            {
                TraceId = ByteString.CopyFrom(TraceIdBytes),
                SpanId = ByteString.CopyFrom(spanId),
                ParentSpanId = ByteString.CopyFrom(ParentIdBytes),
                Name = "GET /cart",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = 1_700_000_000_000_000_000UL,
                EndTimeUnixNano = 1_700_000_000_250_000_000UL,
                Attributes = { Attr("http.route", "/cart"), Attr("http.status_code", 500) },
                Events = { new Span.Types.Event { Name = "exception", TimeUnixNano = 1_700_000_000_100_000_000UL, Attributes = { Attr("exception.type", "Timeout") } } },
                Links = { new Span.Types.Link { TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(ParentIdBytes), Attributes = { Attr("link.kind", "follows") } } },
                Status = new Status { Code = Status.Types.StatusCode.Error, Message = "upstream timeout" },
            });
        }
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans { Resource = Resource(service), ScopeSpans = { scope } });
        return request;
    }

    public static ExportMetricsServiceRequest Metrics(params Metric[] metrics)
    {
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(new ResourceMetrics
        {
            Resource = Resource("checkout", ("service.instance.id", "pod-1"), ("host.name", "node-7")),
            ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "meter" }, Metrics = { metrics } } },
        });
        return request;
    }

    public const ulong T0 = 1_700_000_000_000_000_000UL;

    public static Metric Counter(string name, string unit, double value) => new()
    {
        Name = name,
        Unit = unit,
        Sum = new Sum
        {
            IsMonotonic = true,
            AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsDouble = value, Attributes = { Attr("http.method", "GET") } } },
        },
    };

    public static Metric Gauge(string name, string unit, long value) => new()
    {
        Name = name,
        Unit = unit,
        Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsInt = value } } },
    };

    public static Metric Histogram(string name, string unit) => new()
    {
        Name = name,
        Unit = unit,
        Histogram = new Histogram
        {
            AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints =
            {
                new HistogramDataPoint
                {
                    TimeUnixNano = T0, Count = 6, Sum = 2.5,
                    ExplicitBounds = { 0.1, 0.5, 1 }, BucketCounts = { 1, 2, 2, 1 },
                    Attributes = { Attr("http.route", "/cart") },
                },
            },
        },
    };
}
