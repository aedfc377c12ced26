using System.Net;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>First start, restart, health endpoints and self-metrics of the real binary.</summary>
public sealed class ServerStartupTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheFirstStartPrintsTheAdminKeyOnceAndKeepsItOwnerReadable()
    {
        var keyFile = Path.Combine(_server.DataDir, "bootstrap-admin.key");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Contains(_server.AdminKey, _server.Output);

        await _server.StopAsync();
        var firstOutput = _server.Output;
        await _server.StartAgainAsync();
        var secondStart = _server.Output[firstOutput.Length..];
        Assert.DoesNotContain(_server.AdminKey, secondStart);
        using var admin = _server.ApiClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/tenants")).StatusCode);
        Assert.Contains("\"default\"", await admin.GetStringAsync("/api/v1/admin/tenants"));
    }

    [Fact]
    public async Task ASecondServerOnTheSameDataFolderRefusesToStart()
    {
        var second = await Cli.RunAsync("serve", "--data-dir", _server.DataDir, "--otlp-grpc-port", FreePort.Next().ToString(),
            "--otlp-http-port", FreePort.Next().ToString(), "--http-port", FreePort.Next().ToString());

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("another ollystack is using", second.Output);
        using var http = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task HealthReadinessAndSelfMetricsAreServed()
    {
        using var http = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal("ok", (await http.GetStringAsync("/healthz")).Trim());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        using var push = _server.PushClient();
        var content = new StringContent("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"hello"}},{"body":{"stringValue":"world"}}]}]}]}""");
        content.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.OK, (await push.PostAsync("/v1/logs", content)).StatusCode);

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE ollystack_ingest_records_accepted_total counter", metrics);
        Assert.Equal(2, await _server.MetricAsync("ollystack_ingest_records_accepted_total{signal=\"logs\",tenant=\"default\"}"));
        Assert.Equal(1, await _server.MetricAsync("ollystack_ingest_requests_total{signal=\"logs\",protocol=\"otlp_http\",code=\"200\"}"));
        Assert.Contains("ollystack_wal_fsync_duration_seconds_bucket{topic=\"logs\",le=", metrics);
        Assert.Contains("process_cpu_seconds_total", metrics);
        Assert.Contains("ollystack_storage_lag_records ", metrics);
    }
}
