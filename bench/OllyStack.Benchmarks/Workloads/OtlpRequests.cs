using Google.Protobuf;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Otlp.Resource;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.Benchmarks.Workloads;

/// <summary>OTLP export requests shaped like an SDK's batches: one service resource, realistic attributes per record.</summary>
public static class OtlpRequests
{
    public static ExportMetricsServiceRequest Metrics(int points, long timeUnixNano, int seed = 0)
    {
        var metric = new Metric { Name = "http.server.active_requests", Unit = "{request}", Gauge = new Gauge() };
        for (var i = 0; i < points; i++)
        {
            metric.Gauge.DataPoints.Add(new NumberDataPoint
            {
                TimeUnixNano = (ulong)timeUnixNano,
                AsInt = i % 50,
                Attributes =
                {
                    Attr("http.request.method", i % 3 == 0 ? "POST" : "GET"),
                    Attr("http.route", $"/api/v1/items/{(i + seed) % 400}"),
                    Attr("server.address", $"shop-{(i + seed) % 16}.internal"),
                    Attr("url.scheme", "https"),
                },
            });
        }
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(new ResourceMetrics { Resource = Resource(seed), ScopeMetrics = { new ScopeMetrics { Scope = Scope(), Metrics = { metric } } } });
        return request;
    }

    public static ExportLogsServiceRequest Logs(int records, long timeUnixNano, int seed = 0)
    {
        var scope = new ScopeLogs { Scope = Scope() };
        for (var i = 0; i < records; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (ulong)(timeUnixNano + i),
                ObservedTimeUnixNano = (ulong)(timeUnixNano + i + 1000),
                SeverityNumber = i % 10 == 0 ? SeverityNumber.Error : SeverityNumber.Info,
                SeverityText = i % 10 == 0 ? "ERROR" : "INFO",
                Body = new AnyValue { StringValue = $"order {seed * 100_000 + i} shipped to warehouse {i % 12} in {i % 900 + 3} ms" },
                Attributes = { Attr("order.id", seed * 100_000 + i), Attr("customer.tier", i % 4 == 0 ? "gold" : "standard"), Attr("code.function", "ShipOrder") },
                TraceId = Id(16, seed * 1_000_003 + i),
                SpanId = Id(8, i + 1),
                Flags = 1,
            });
        }
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { Resource = Resource(seed), ScopeLogs = { scope } });
        return request;
    }

    public static ExportTraceServiceRequest Spans(int spans, long timeUnixNano, int seed = 0)
    {
        var scope = new ScopeSpans { Scope = Scope() };
        for (var i = 0; i < spans; i++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = Id(16, seed * 1_000_003 + i / 8),
                SpanId = Id(8, i + 1),
                ParentSpanId = i % 8 == 0 ? ByteString.Empty : Id(8, i - i % 8 + 1),
                Name = i % 8 == 0 ? "GET /api/v1/items/{id}" : "SELECT items",
                Kind = i % 8 == 0 ? Span.Types.SpanKind.Server : Span.Types.SpanKind.Client,
                StartTimeUnixNano = (ulong)(timeUnixNano + i * 1000),
                EndTimeUnixNano = (ulong)(timeUnixNano + i * 1000 + 250_000),
                Attributes =
                {
                    Attr("http.request.method", "GET"), Attr("http.route", "/api/v1/items/{id}"),
                    Attr("http.response.status_code", i % 20 == 0 ? 500 : 200), Attr("db.system", "postgresql"),
                    Attr("server.address", $"db-{i % 3}.internal"),
                },
                Status = new Status { Code = i % 20 == 0 ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Unset },
            });
        }
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans { Resource = Resource(seed), ScopeSpans = { scope } });
        return request;
    }

    private static Resource Resource(int seed) => new()
    {
        Attributes =
        {
            Attr("service.name", "shop-api"), Attr("service.namespace", "shop"), Attr("service.instance.id", $"shop-api-{seed % 8}"),
            Attr("host.name", $"node-{seed % 8}"), Attr("telemetry.sdk.language", "dotnet"), Attr("deployment.environment", "production"),
        },
    };

    private static InstrumentationScope Scope() => new() { Name = "OpenTelemetry.Instrumentation.AspNetCore", Version = "1.12.0" };

    private static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    private static ByteString Id(int length, long value)
    {
        var bytes = new byte[length];
        BitConverter.TryWriteBytes(bytes.AsSpan(length - 8), value + 1);
        bytes[0] = 0x5b;
        return ByteString.CopyFrom(bytes);
    }
}
