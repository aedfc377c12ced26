using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OllyStack.EndToEnd.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OllyStack.EndToEnd;

/// <summary>The OpenTelemetry .NET SDK's own OTLP exporter sends all three signals, over gRPC and over HTTP/protobuf.</summary>
public sealed class OpenTelemetryDotnetSdkTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task SpansFromTheSdkAreDurableWithTheirTreeAndTenant(OtlpExportProtocol protocol)
    {
        var service = $"dotnet-{protocol}".ToLowerInvariant();
        var sourceName = "e2e-" + service;
        string traceId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service))
                   .AddSource(sourceName)
                   .AddOtlpExporter(o => Configure(o, protocol, "/v1/traces"))
                   .Build())
        {
            using var source = new ActivitySource(sourceName);
            using (var root = source.StartActivity("GET /cart", ActivityKind.Server)!)
            {
                traceId = root.TraceId.ToHexString();
                root.SetTag("http.route", "/cart");
                using var child = source.StartActivity("SELECT cart", ActivityKind.Client)!;
                child.SetStatus(ActivityStatusCode.Error, "deadlock");
            }
            Assert.True(provider.ForceFlush(10_000));
        }

        var spans = WalContents.Spans(_server.DataDir).Where(s => s.TraceId == traceId).ToList();
        Assert.Equal(2, spans.Count);
        var root2 = Assert.Single(spans, s => s.Name == "GET /cart");
        var child2 = Assert.Single(spans, s => s.Name == "SELECT cart");
        Assert.Equal(root2.SpanId, child2.ParentSpanId);
        Assert.Equal(2, child2.StatusCode);
        Assert.All(spans, s => Assert.Equal(("default", service), (s.Tenant, s.Service)));
    }

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task LogsFromTheSdkAreDurableWithBodyAttributesAndTraceContext(OtlpExportProtocol protocol)
    {
        var service = $"dotnet-logs-{protocol}".ToLowerInvariant();
        using (var factory = LoggerFactory.Create(builder => builder.AddOpenTelemetry(o =>
               {
                   o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service));
                   o.AddOtlpExporter(e => Configure(e, protocol, "/v1/logs"));
               })))
        {
            factory.CreateLogger("checkout").LogError("payment {OrderId} failed: {Reason}", 4711, "card declined");
        }

        var log = Assert.Single(WalContents.Logs(_server.DataDir), l => l.Service == service);
        Assert.Equal("payment {OrderId} failed: {Reason}", log.Body);
        Assert.Equal("4711", log.Attributes["OrderId"]);
        Assert.Equal("card declined", log.Attributes["Reason"]);
        Assert.Equal("Error", log.Severity);
        Assert.Equal("default", log.Tenant);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task MetricsFromTheSdkBecomePrometheusSeries(OtlpExportProtocol protocol)
    {
        var service = $"dotnet-metrics-{protocol}".ToLowerInvariant();
        var meterName = "e2e-meter-" + service;
        using (var meter = new Meter(meterName))
        using (var provider = Sdk.CreateMeterProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service))
                   .AddMeter(meterName)
                   .AddOtlpExporter((e, reader) =>
                   {
                       Configure(e, protocol, "/v1/metrics");
                       reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
                   })
                   .Build())
        {
            meter.CreateCounter<long>("orders.placed", unit: "{order}").Add(5, new KeyValuePair<string, object?>("payment.method", "card"));
            var duration = meter.CreateHistogram<double>("http.server.request.duration", unit: "s");
            duration.Record(0.02);
            duration.Record(0.3);
            Assert.True(provider.ForceFlush(10_000));
        }

        // Cumulative temporality: the flush and the final export on dispose both carry the same totals.
        var samples = WalContents.Samples(_server.DataDir).Where(s => s.Series.Contains($"job=\"{service}\"")).ToList();
        var counter = samples.Where(s => s.Series.StartsWith("orders_placed_total{", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(counter);
        Assert.All(counter, c => Assert.Contains("payment_method=\"card\"", c.Series));
        Assert.All(counter, c => Assert.Equal(5, c.Value));
        Assert.All(samples.Where(s => s.Series.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)), c => Assert.Equal(2, c.Value));
        var infBuckets = samples.Where(s => s.Series.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) && s.Series.Contains("le=\"+Inf\"")).ToList();
        Assert.NotEmpty(infBuckets);
        Assert.All(infBuckets, b => Assert.Equal(2, b.Value));
        Assert.Contains(samples, s => s.Series.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) && s.Series.Contains("le=\"0\"") && s.Value == 0);
        await Task.CompletedTask;
    }

    private void Configure(OtlpExporterOptions options, OtlpExportProtocol protocol, string path)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? _server.GrpcEndpoint : new Uri(_server.OtlpHttpEndpoint, path);
        options.Headers = $"x-ollystack-key={_server.AdminKey}";
        options.ExportProcessorType = ExportProcessorType.Simple;
    }
}
