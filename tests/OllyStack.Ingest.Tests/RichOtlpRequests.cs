using Google.Protobuf;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Otlp.Resource;
using OllyStack.Ingest.Otlp.Trace;
using static OllyStack.Ingest.Tests.ProtobufTestRequests;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// Requests that use every field the decoders read, every AnyValue kind (nested arrays and maps, bytes, non-finite
/// doubles, text that JSON must escape) and records each decoder must reject, for comparing encodings.
/// </summary>
internal static class RichOtlpRequests
{
    public static ExportLogsServiceRequest Logs()
    {
        var scope = new ScopeLogs
        {
            Scope = new InstrumentationScope { Name = "io.opentelemetry.payments", Version = "2.1.0", Attributes = { Attr("scope.kind", "library") }, DroppedAttributesCount = 1 },
            SchemaUrl = "https://opentelemetry.io/schemas/1.24.0",
            LogRecords =
            {
                new LogRecord
                {
                    TimeUnixNano = T0, ObservedTimeUnixNano = T0 + 5, SeverityNumber = SeverityNumber.Error, SeverityText = "ERROR",
                    Body = new AnyValue { StringValue = "payment \"declined\" for café <order> \\ \u2603" },
                    Attributes = { Attr("order.id", 42), BoolAttr("retry", true), DoubleAttr("amount", 12.5), ValueAttr("card", Bytes(1, 2, 250)), ValueAttr("items", Composite()), ValueAttr("context", KvList()) },
                    DroppedAttributesCount = 3, Flags = 1, EventName = "payment.failed",
                    TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(SpanIdBytes),
                },
                new LogRecord { TimeUnixNano = T0 + 1, Body = new AnyValue { KvlistValue = KvList().KvlistValue }, SeverityNumber = (SeverityNumber)30 },
                new LogRecord { TimeUnixNano = T0 + 2, Body = new AnyValue { StringValue = "short trace id" }, TraceId = ByteString.CopyFrom(TraceIdBytes, 0, 8) },
                new LogRecord { TimeUnixNano = T0 + 3, Body = new AnyValue { DoubleValue = double.NaN }, Attributes = { new KeyValue { Key = "infinite", Value = new AnyValue { DoubleValue = double.NegativeInfinity } } } },
                new LogRecord { TimeUnixNano = T0 + 4, Body = new AnyValue { BytesValue = ByteString.CopyFrom(0, 255, 62, 63) } },
                new LogRecord { Attributes = { new KeyValue { Key = "no.value" } } },
            },
        };
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs
        {
            Resource = new Resource { Attributes = { Attr("service.name", "checkout"), Attr("host.cores", 8) }, DroppedAttributesCount = 2 },
            SchemaUrl = "https://opentelemetry.io/schemas/1.25.0",
            ScopeLogs = { scope, new ScopeLogs { LogRecords = { new LogRecord { TimeUnixNano = T0 + 9, Body = new AnyValue { IntValue = -7 } } } } },
        });
        request.ResourceLogs.Add(new ResourceLogs { ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord { Body = new AnyValue { BoolValue = false } } } } } });
        return request;
    }

    public static ExportTraceServiceRequest Spans()
    {
        var complete = new Span
        {
            TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(SpanIdBytes), ParentSpanId = ByteString.CopyFrom(ParentIdBytes),
            TraceState = "vendor=abc", Flags = 257, Name = "POST /pay", Kind = Span.Types.SpanKind.Client,
            StartTimeUnixNano = T0, EndTimeUnixNano = T0 + 250_000_000,
            Attributes = { Attr("http.route", "/pay"), Attr("http.status_code", 502), ValueAttr("peer", KvList()) },
            DroppedAttributesCount = 1, DroppedEventsCount = 2, DroppedLinksCount = 3,
            Events =
            {
                new Span.Types.Event { Name = "retry", TimeUnixNano = T0 + 10, Attributes = { Attr("attempt", 1) }, DroppedAttributesCount = 4 },
                new Span.Types.Event { Name = "exception", TimeUnixNano = T0 + 20, Attributes = { Attr("exception.type", "Timeout"), ValueAttr("stack", Composite()) } },
            },
            Links =
            {
                new Span.Types.Link { TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(ParentIdBytes), TraceState = "k=v", Flags = 1, DroppedAttributesCount = 5, Attributes = { Attr("link.kind", "follows") } },
                new Span.Types.Link { Attributes = { Attr("link.kind", "unknown") } },
            },
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "upstream timeout" },
        };
        var scope = new ScopeSpans
        {
            Scope = new InstrumentationScope { Name = "io.opentelemetry.http", Version = "1.0" },
            SchemaUrl = "https://opentelemetry.io/schemas/1.24.0",
            Spans =
            {
                complete,
                SpanWith(span => span.SpanId = ByteString.CopyFrom(SpanIdBytes, 0, 4)),
                SpanWith(span => span.Status = new Status { Code = (Status.Types.StatusCode)7 }),
                SpanWith(span => span.Kind = (Span.Types.SpanKind)9),
                SpanWith(span => span.Links.Add(new Span.Types.Link { TraceId = ByteString.CopyFrom(TraceIdBytes, 0, 12), SpanId = ByteString.CopyFrom(SpanIdBytes) })),
                SpanWith(span => span.TraceId = ByteString.Empty),
                SpanWith(span => span.Kind = Span.Types.SpanKind.Internal),
            },
        };
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans { Resource = Resource("checkout", ("deployment.environment", "prod")), ScopeSpans = { scope, new ScopeSpans { Spans = { SpanWith(_ => { }) } } } });
        request.ResourceSpans.Add(new ResourceSpans { ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "other" }, Spans = { SpanWith(_ => { }) } } } });
        return request;
    }

    public static ExportMetricsServiceRequest Metrics()
    {
        var request = ProtobufTestRequests.Metrics(
            Counter("http.server.requests", "{request}", 42),
            Gauge("process.threads", "{thread}", 17),
            Histogram("http.server.duration", "s"),
            new Metric { Name = "queue.depth", Unit = "1", Sum = new Sum { IsMonotonic = false, AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsDouble = double.NaN } } } },
            new Metric { Name = "bytes.sent", Unit = "By", Sum = new Sum { IsMonotonic = true, AggregationTemporality = AggregationTemporality.Delta, DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsInt = 512, Flags = 1 } } } },
            new Metric { Unit = "s", Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsInt = 1 }, new NumberDataPoint { AsInt = 2 } } } },
            new Metric
            {
                Name = "cache.size", Unit = "By", Description = "bytes held",
                Histogram = new Histogram { DataPoints = { new HistogramDataPoint { TimeUnixNano = T0, Count = 3, ExplicitBounds = { 1, 2 }, BucketCounts = { 1, 2 } }, new HistogramDataPoint { TimeUnixNano = T0, Count = 4 } } },
            },
            ExponentialHistogram("rpc.latency", "ms"),
            Summary("rpc.duration", "ms"),
            new Metric { Name = "conflict", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsInt = 1, Attributes = { Attr("a.b", "x"), Attr("a_b", "y") } } } } });
        request.ResourceMetrics.Add(new ResourceMetrics
        {
            Resource = new Resource { Attributes = { Attr("service.name", "billing"), Attr("service.namespace", "shop"), ValueAttr("cloud.region", KvList()) } },
            ScopeMetrics = { new ScopeMetrics { Metrics = { Gauge("temperature", "Cel", 21) } } },
        });
        return request;
    }

    public static Metric ExponentialHistogram(string name, string unit) => new()
    {
        Name = name,
        Unit = unit,
        ExponentialHistogram = new ExponentialHistogram
        {
            AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints =
            {
                new ExponentialHistogramDataPoint
                {
                    TimeUnixNano = T0, Count = 7, Sum = 12, Scale = 0, ZeroCount = 1,
                    Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 0, BucketCounts = { 2, 3 } },
                    Negative = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 0, BucketCounts = { 1 } },
                    Attributes = { Attr("rpc.method", "Charge") },
                },
            },
        },
    };

    public static Metric Summary(string name, string unit) => new()
    {
        Name = name,
        Unit = unit,
        Summary = new Summary
        {
            DataPoints =
            {
                new SummaryDataPoint
                {
                    TimeUnixNano = T0, Count = 10, Sum = 55,
                    QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 3 }, new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 9 } },
                },
            },
        },
    };

    private static Span SpanWith(Action<Span> change)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(SpanIdBytes), Name = "GET /cart",
            StartTimeUnixNano = T0, EndTimeUnixNano = T0 + 1, Attributes = { Attr("http.route", "/cart") },
            Events = { new Span.Types.Event { Name = "e", Attributes = { Attr("k", "v") } } },
        };
        change(span);
        return span;
    }

    private static KeyValue BoolAttr(string key, bool value) => new() { Key = key, Value = new AnyValue { BoolValue = value } };

    private static KeyValue DoubleAttr(string key, double value) => new() { Key = key, Value = new AnyValue { DoubleValue = value } };

    private static KeyValue ValueAttr(string key, AnyValue value) => new() { Key = key, Value = value };

    private static AnyValue Bytes(params byte[] bytes) => new() { BytesValue = ByteString.CopyFrom(bytes) };

    /// <summary>An array holding one value of every kind, a nested array, a nested map and an empty value.</summary>
    private static AnyValue Composite() => new()
    {
        ArrayValue = new ArrayValue
        {
            Values =
            {
                new AnyValue { StringValue = "naïve \"quoted\"" }, new AnyValue { IntValue = long.MinValue }, new AnyValue { DoubleValue = 0.1 },
                new AnyValue { BoolValue = true }, Bytes(0, 1, 254), new AnyValue { DoubleValue = double.NaN },
                new AnyValue { DoubleValue = double.PositiveInfinity }, new AnyValue { DoubleValue = double.NegativeInfinity },
                new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = 1 }, new AnyValue() } } },
                KvList(), new AnyValue(),
            },
        },
    };

    private static AnyValue KvList() => new()
    {
        KvlistValue = new KeyValueList
        {
            Values =
            {
                new KeyValue { Key = "region", Value = new AnyValue { StringValue = "eu-west-1" } },
                new KeyValue { Key = "zones", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "a" }, new AnyValue { StringValue = "b" } } } } },
                new KeyValue { Key = "empty" },
                new KeyValue { Key = "weight", Value = new AnyValue { DoubleValue = 1e300 } },
            },
        },
    };
}
