using System.Net;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Through the real binary, with parts flushed every 100 ms: flushed log and span parts merge in the background while
/// every record stays queryable, and parts past the retention of the operator's tenant (90 days, its enterprise plan)
/// are deleted, so their lines, traces and services no longer answer.
/// </summary>
public sealed class LogsAndTracesMaintenanceTests : IAsyncLifetime
{
    private const long Second = 1_000_000_000;
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long LongAgo = Now - 100L * 24 * 3600 * Second;
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("--logs-flush-interval", "100ms", "--traces-flush-interval", "100ms");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LogPartsMergeAndOldOnesAreDeletedPastRetention()
    {
        await FlushedPush.LineAsync(_server, "default", null, "shop", LongAgo, "from long ago");
        for (var round = 0; round < 5; round++) await FlushedPush.LineAsync(_server, "default", null, "shop", Now - (10 - round) * Second, $"line {round}");

        using var api = _server.ApiClient();
        var query = "/loki/api/v1/query_range?direction=forward&limit=100&query=" + Uri.EscapeDataString("{service_name=\"shop\"}")
            + $"&start={LongAgo - 3600 * Second}&end={Now + Second}";
        List<string?> lines = [];
        await Poll.UntilAsync(async () =>
        {
            var data = JsonDocument.Parse(await api.GetStringAsync(query)).RootElement.GetProperty("data");
            lines = [.. data.GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(v => v[1].GetString())];
            return StoredParts.Merged(_server, StoredParts.Logs) > 0 && !lines.Contains("from long ago");
        }, TimeSpan.FromSeconds(60), "a merged log part and the 100-day-old line gone");

        Assert.Equal(["line 0", "line 1", "line 2", "line 3", "line 4"], lines);
    }

    [Fact]
    public async Task SpanPartsMergeAndOldTracesAndTheirServicesAreDeletedPastRetention()
    {
        const string oldTrace = "0000000000000000000000000000ffff";
        await FlushedPush.SpanAsync(_server, "default", null, "legacy", oldTrace, LongAgo);
        var traces = Enumerable.Range(1, 5).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var trace in traces) await FlushedPush.SpanAsync(_server, "default", null, "shop", trace, Now - Second);

        using var api = _server.ApiClient();
        await Poll.UntilAsync(async () =>
        {
            using var old = await api.GetAsync($"/api/traces/{oldTrace}");
            return StoredParts.Merged(_server, StoredParts.Traces) > 0 && old.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(60), "a merged span part and the 100-day-old trace gone");

        foreach (var trace in traces)
        {
            var found = JsonDocument.Parse(await api.GetStringAsync($"/api/traces/{trace}")).RootElement.GetProperty("data")[0];
            Assert.Equal(trace, found.GetProperty("traceID").GetString());
        }
        var services = JsonDocument.Parse(await api.GetStringAsync("/api/services")).RootElement.GetProperty("data");
        Assert.Equal(["shop"], services.EnumerateArray().Select(s => s.GetString()));
    }
}
