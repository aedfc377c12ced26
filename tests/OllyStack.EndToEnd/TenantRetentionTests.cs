using System.Globalization;
using System.Net;
using System.Text;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Through the real binary, every store flushing each 100 ms: a tenant's metrics, logs and spans are kept for its own
/// <c>retention_days</c>, not the stores' configured retention (here a day or less, which applies only to tenants the
/// control plane does not know), and shortening it applies without a restart.
/// </summary>
public sealed class TenantRetentionTests : IAsyncLifetime
{
    private const long Second = 1_000_000_000;
    private const string OldTrace = "000000000000000000000000000000a1";
    private const string NewTrace = "000000000000000000000000000000b2";
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long ThreeDaysAgo = Now - 3L * 24 * 3600 * Second;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ServerProcess _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(
            "--metrics-flush-interval", "100ms", "--logs-flush-interval", "100ms", "--traces-flush-interval", "100ms",
            "--metrics-retention", "1d", "--logs-retention", "1h", "--traces-retention", "1h");
        _admin = _server.ApiClient();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ShorteningATenantsRetentionDeletesItsOlderTelemetryWithoutRestartAndLeavesOtherTenantsAlone()
    {
        var brief = await TenantWithTelemetryAsync("brief");
        var lasting = await TenantWithTelemetryAsync("lasting");
        Assert.Equal(Everything, await TelemetryAsync(brief, ThreeDaysAgo, OldTrace));

        await ApiRequests.PatchTenantAsync(_admin, "brief", """{"limits":{"retention_days":1}}""");

        await Poll.UntilAsync(async () => await TelemetryAsync(brief, ThreeDaysAgo, OldTrace) == Nothing, Patience,
            "brief's 3-day-old metrics, logs and spans gone once its retention became 1 day");
        Assert.Equal(Everything, await TelemetryAsync(brief, Now, NewTrace));
        Assert.Equal(Everything, await TelemetryAsync(lasting, ThreeDaysAgo, OldTrace));
    }

    private static (bool Metric, bool Log, bool Span) Nothing => (false, false, false);

    private static (bool Metric, bool Log, bool Span) Everything => (true, true, true);

    /// <summary>
    /// Creates the tenant (30 days' retention) and sends it a gauge sampled 3 days ago and now, and a log line and a
    /// span from each time, each in a part of its own; returns its key.
    /// </summary>
    private async Task<string> TenantWithTelemetryAsync(string tenant)
    {
        await ApiRequests.CreateTenantAsync(_admin, tenant, "enterprise", """{"retention_days":30}""");
        var key = await ApiRequests.CreateKeyAsync(_admin, tenant, "ingest,query");
        using var push = _server.PushClient(key);
        var gauge = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"probe"}}]},
              "scopeMetrics":[{"metrics":[{"name":"retention_probe","gauge":{"dataPoints":[
                {"timeUnixNano":"{{{ThreeDaysAgo}}}","asDouble":1},{"timeUnixNano":"{{{Now}}}","asDouble":2}]}}]}]}]}
            """;
        using var sent = await push.PostAsync("/v1/metrics", new StringContent(gauge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await FlushedPush.LineAsync(_server, tenant, key, "probe", ThreeDaysAgo, "old line");
        await FlushedPush.LineAsync(_server, tenant, key, "probe", Now, "new line");
        await FlushedPush.SpanAsync(_server, tenant, key, "probe", OldTrace, ThreeDaysAgo);
        await FlushedPush.SpanAsync(_server, tenant, key, "probe", NewTrace, Now);
        return key;
    }

    /// <summary>Which of the gauge's sample, a log line and the trace the tenant can still read at that time.</summary>
    private async Task<(bool Metric, bool Log, bool Span)> TelemetryAsync(string key, long timeUnixNano, string traceId)
    {
        using var api = _server.ApiClient(key);
        var seconds = (timeUnixNano / (double)Second).ToString("F3", CultureInfo.InvariantCulture);
        var metric = await ResultAsync(api, $"/api/v1/query?query=retention_probe&time={seconds}");
        var log = await ResultAsync(api, "/loki/api/v1/query_range?query=" + Uri.EscapeDataString("{service_name=\"probe\"}")
            + $"&start={timeUnixNano - 60 * Second}&end={timeUnixNano + 60 * Second}");
        using var trace = await api.GetAsync($"/api/traces/{traceId}");
        Assert.True(trace.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET /api/traces/{traceId}: {(int)trace.StatusCode}");
        return (metric, log, trace.StatusCode == HttpStatusCode.OK);
    }

    private static async Task<bool> ResultAsync(HttpClient api, string path) =>
        (await ApiRequests.DataAsync(api, path)).GetProperty("result").GetArrayLength() > 0;
}
