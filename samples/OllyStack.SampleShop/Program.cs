using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// One service of a small shop: GET /work?order=N logs what it does, calls each downstream service in turn, and answers
// with the trace id. With --fail-odd, odd orders fail (status 502, span status error, an error log).
// Usage: OllyStack.SampleShop --service NAME --port N --otlp http://127.0.0.1:4318 --key KEY [--downstream URL,...] [--fail-odd]
var options = ShopOptions.Parse(args);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
builder.Logging.ClearProviders();
// The shop's own lines; the framework's per-request chatter (request starting, endpoint executing) stays out.
builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
builder.Logging.AddOpenTelemetry(logging =>
{
    logging.IncludeFormattedMessage = true;
    logging.AddOtlpExporter(exporter => Export(exporter, "/v1/logs"));
});
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService(options.Service))
    .WithTracing(tracing => tracing
        .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/healthz")
        .AddHttpClientInstrumentation()
        .AddOtlpExporter(exporter => Export(exporter, "/v1/traces")));
builder.Services.AddHttpClient();
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapGet("/work", async (int order, IHttpClientFactory clients, ILogger<ShopOptions> log) =>
{
    log.LogInformation("{Service} handles order {OrderId}", options.Service, order);
    using var client = clients.CreateClient();
    foreach (var downstream in options.Downstream)
    {
        using var response = await client.GetAsync($"{downstream}/work?order={order}");
        if (!response.IsSuccessStatusCode) log.LogWarning("order {OrderId}: {Downstream} answered {Status}", order, downstream, (int)response.StatusCode);
    }
    var traceId = Activity.Current?.TraceId.ToHexString() ?? "";
    if (options.FailOdd && order % 2 == 1)
    {
        Activity.Current?.SetStatus(ActivityStatusCode.Error, "payment declined");
        log.LogError("payment for order {OrderId} declined: {Reason}", order, "card expired");
        return Results.Text(traceId, statusCode: 502);
    }
    return Results.Text(traceId);
});
app.Run();

void Export(OtlpExporterOptions exporter, string path)
{
    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
    exporter.Endpoint = new Uri(options.Otlp, path);
    exporter.Headers = $"x-ollystack-key={options.Key}";
    // One export per span or record, so what a request did is sent by the time it has answered.
    exporter.ExportProcessorType = ExportProcessorType.Simple;
}

internal sealed record ShopOptions(string Service, int Port, Uri Otlp, string Key, IReadOnlyList<string> Downstream, bool FailOdd)
{
    public static ShopOptions Parse(string[] args)
    {
        string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"missing {name}; usage: --service NAME --port N --otlp URL --key KEY [--downstream URL,...] [--fail-odd]");
        var downstream = args.Contains("--downstream") ? Value("--downstream").Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        return new ShopOptions(Value("--service"), int.Parse(Value("--port"), System.Globalization.CultureInfo.InvariantCulture),
            new Uri(Value("--otlp")), Value("--key"), downstream, args.Contains("--fail-odd"));
    }
}
