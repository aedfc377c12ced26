using System.Net;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Through the real binary, with parts flushed every 100 ms: flushed log and span parts merge in the background while
/// every record stays queryable, and parts past the 15-day default retention are deleted, so their lines, traces and
/// services no longer answer.
/// </summary>
public sealed class LogsAndTracesMaintenanceTests : IAsyncLifetime
{
    private const long Second = 1_000_000_000;
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long TwentyDaysAgo = Now - 20L * 24 * 3600 * Second;
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("--logs-flush-interval", "100ms", "--traces-flush-interval", "100ms");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LogPartsMergeAndOldOnesAreDeletedPastRetention()
    {
        await PushLinesAsync(TwentyDaysAgo, "from long ago");
        for (var round = 0; round < 5; round++) await PushLinesAsync(Now - (10 - round) * Second, $"line {round}");

        using var api = _server.ApiClient();
        var query = "/loki/api/v1/query_range?direction=forward&limit=100&query=" + Uri.EscapeDataString("{service_name=\"shop\"}")
            + $"&start={TwentyDaysAgo - 3600 * Second}&end={Now + Second}";
        List<string?> lines = [];
        await Poll.UntilAsync(async () =>
        {
            var data = JsonDocument.Parse(await api.GetStringAsync(query)).RootElement.GetProperty("data");
            lines = [.. data.GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(v => v[1].GetString())];
            return StoredParts.Merged(_server, StoredParts.Logs) > 0 && !lines.Contains("from long ago");
        }, TimeSpan.FromSeconds(60), "a merged log part and the 20-day-old line gone");

        Assert.Equal(["line 0", "line 1", "line 2", "line 3", "line 4"], lines);
    }

    [Fact]
    public async Task SpanPartsMergeAndOldTracesAndTheirServicesAreDeletedPastRetention()
    {
        const string oldTrace = "0000000000000000000000000000ffff";
        await PushSpanAsync(oldTrace, "legacy", TwentyDaysAgo);
        var traces = Enumerable.Range(1, 5).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var trace in traces) await PushSpanAsync(trace, "shop", Now - Second);

        using var api = _server.ApiClient();
        await Poll.UntilAsync(async () =>
        {
            using var old = await api.GetAsync($"/api/traces/{oldTrace}");
            return StoredParts.Merged(_server, StoredParts.Traces) > 0 && old.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(60), "a merged span part and the 20-day-old trace gone");

        foreach (var trace in traces)
        {
            var found = JsonDocument.Parse(await api.GetStringAsync($"/api/traces/{trace}")).RootElement.GetProperty("data")[0];
            Assert.Equal(trace, found.GetProperty("traceID").GetString());
        }
        var services = JsonDocument.Parse(await api.GetStringAsync("/api/services")).RootElement.GetProperty("data");
        Assert.Equal(["shop"], services.EnumerateArray().Select(s => s.GetString()));
    }

    /// <summary>Pushes one line and waits until a flush has put it in a part of its own.</summary>
    private async Task PushLinesAsync(long timeUnixNano, string line)
    {
        var before = StoredParts.NewestFlush(_server, StoredParts.Logs);
        using var push = _server.PushClient();
        var json = $$"""{"streams": [{"stream": {"service_name": "shop"}, "values": [["{{timeUnixNano}}", "{{line}}"]]}]}""";
        var response = await push.PostAsync("/loki/api/v1/push", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(StoredParts.NewestFlush(_server, StoredParts.Logs) > before), TimeSpan.FromSeconds(30), $"'{line}' in a part");
    }

    /// <summary>Sends one span over OTLP/JSON and waits until a flush has put it in a part of its own.</summary>
    private async Task PushSpanAsync(string traceId, string service, long startUnixNano)
    {
        var before = StoredParts.NewestFlush(_server, StoredParts.Traces);
        using var push = _server.PushClient();
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},
              "scopeSpans":[{"spans":[{"traceId":"{{{traceId}}}","spanId":"00000000000000aa","name":"GET /","kind":2,
                "startTimeUnixNano":"{{{startUnixNano}}}","endTimeUnixNano":"{{{startUnixNano + Second / 10}}}"}]}]}]}
            """;
        var response = await push.PostAsync("/v1/traces", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(StoredParts.NewestFlush(_server, StoredParts.Traces) > before), TimeSpan.FromSeconds(30), $"trace {traceId} in a part");
    }
}
