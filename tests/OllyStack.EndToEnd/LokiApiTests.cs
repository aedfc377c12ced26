using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// The Loki API through the real binary, as Grafana's Loki data source calls it: lines pushed with the Loki push API
/// are found by LogQL log and metric queries, listed by the label, series, stats and pattern endpoints, for their
/// tenant only, and bad queries get a 400 that says why.
/// </summary>
public sealed class LokiApiTests : IAsyncLifetime
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
    private const long Second = 1_000_000_000;
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        var values = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $"[\"{Now - (20 - i) * Second}\", \"GET /api/orders/{i} status={(i % 5 == 0 ? 500 : 200)} duration={i}ms\"]"));
        var cart = $"[\"{Now - Second}\", \"cart {{\\\"id\\\": 7}} lost\"]";
        await PushAsync("{\"streams\": [{\"stream\": {\"service_name\": \"checkout\", \"level\": \"info\"}, \"values\": [" + values + "]}, "
            + "{\"stream\": {\"service_name\": \"cart\", \"level\": \"error\"}, \"values\": [" + cart + "]}]}");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task PushAsync(string json, string? key = null)
    {
        using var push = _server.PushClient(key);
        var response = await push.PostAsync("/loki/api/v1/push", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Range(string query, string more = "") =>
        $"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Now - 60 * Second}&end={Now}{more}";

    private async Task<JsonElement> PolledAsync(HttpClient api, string path, Func<JsonElement, bool> ready)
    {
        JsonElement data = default;
        await Poll.UntilAsync(async () => ready(data = (await GetAsync(api, path)).GetProperty("data")), TimeSpan.FromSeconds(30), path);
        return data;
    }

    [Fact]
    public async Task LogQueriesFilterParseAndOrderLines()
    {
        using var api = _server.ApiClient();
        var data = await PolledAsync(api, Range("{service_name=\"checkout\"} |= \"status=500\" | logfmt | duration > 6ms", "&direction=forward"),
            d => d.GetProperty("result").GetArrayLength() > 0);

        Assert.Equal("streams", data.GetProperty("resultType").GetString());
        var lines = data.GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray().Select(v => v[1].GetString())).ToList();
        Assert.Equal(["GET /api/orders/10 status=500 duration=10ms", "GET /api/orders/15 status=500 duration=15ms"], lines);
        var stream = data.GetProperty("result")[0].GetProperty("stream");
        Assert.Equal(("checkout", "500"), (stream.GetProperty("service_name").GetString(), stream.GetProperty("status").GetString()));
        Assert.True(data.GetProperty("stats").GetProperty("summary").GetProperty("totalLinesProcessed").GetInt64() >= 20);

        var newest = await GetAsync(api, Range("{service_name=~\".+\"}", "&limit=2"));
        var newestLines = newest.GetProperty("data").GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).ToList();
        Assert.Equal(2, newestLines.Count);
        Assert.Contains(newestLines, v => v[1].GetString() == "cart {\"id\": 7} lost");
    }

    [Fact]
    public async Task ALogQueryReturnsTheLineAtItsStartAndNotTheLineAtItsEnd()
    {
        using var api = _server.ApiClient();
        var path = $"/loki/api/v1/query_range?query={Uri.EscapeDataString("{service_name=\"checkout\"}")}&start={Now - 20 * Second}&end={Now - 16 * Second}&direction=forward";

        var data = await PolledAsync(api, path, d => d.GetProperty("result").GetArrayLength() > 0);

        var lines = data.GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray().Select(v => v[1].GetString()));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"GET /api/orders/{i} status={(i == 0 ? 500 : 200)} duration={i}ms"), lines);
    }

    [Fact]
    public async Task MetricQueriesAnswerMatricesAndVectors()
    {
        using var api = _server.ApiClient();
        var matrix = await PolledAsync(api, Range("sum by (level) (count_over_time({service_name=~\".+\"}[1m]))", "&step=60s"),
            d => d.GetProperty("result").GetArrayLength() == 2);
        Assert.Equal("matrix", matrix.GetProperty("resultType").GetString());
        var counts = matrix.GetProperty("result").EnumerateArray().ToDictionary(s => s.GetProperty("metric").GetProperty("level").GetString()!, s => s.GetProperty("values").EnumerateArray().Last()[1].GetString());
        Assert.Equal(new Dictionary<string, string?> { ["error"] = "1", ["info"] = "20" }, counts);

        var vector = (await GetAsync(api, $"/loki/api/v1/query?query={Uri.EscapeDataString("sum(count_over_time({service_name=\"checkout\"} |= \"status=500\" [1m]))")}&time={Now + 1}")).GetProperty("data");
        Assert.Equal("vector", vector.GetProperty("resultType").GetString());
        Assert.Equal("4", vector.GetProperty("result")[0].GetProperty("value")[1].GetString());
        var health = (await GetAsync(api, "/loki/api/v1/query?query=" + Uri.EscapeDataString("vector(1)+vector(1)"))).GetProperty("data");
        Assert.Equal("2", health.GetProperty("result")[0].GetProperty("value")[1].GetString());
    }

    [Fact]
    public async Task LabelsSeriesStatsAndPatternsDescribeTheStreams()
    {
        using var api = _server.ApiClient();
        await PolledAsync(api, "/loki/api/v1/labels", d => d.GetArrayLength() > 0);
        Assert.Equal(["level", "service_name"], (await GetAsync(api, "/loki/api/v1/labels")).GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["cart", "checkout"], (await GetAsync(api, "/loki/api/v1/label/service_name/values")).GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        var series = (await GetAsync(api, "/loki/api/v1/series?match[]=" + Uri.EscapeDataString("{level=\"error\"}"))).GetProperty("data");
        Assert.Equal("cart", Assert.Single(series.EnumerateArray()).GetProperty("service_name").GetString());

        var stats = await GetAsync(api, $"/loki/api/v1/index/stats?query={Uri.EscapeDataString("{service_name=\"checkout\"}")}&start={Now - 60 * Second}&end={Now}");
        Assert.Equal((1, 20), (stats.GetProperty("streams").GetInt64(), stats.GetProperty("entries").GetInt64()));

        var patterns = (await GetAsync(api, $"/api/v1/logs/patterns?query={Uri.EscapeDataString("{service_name=\"checkout\"}")}&start={Now - 60 * Second}&end={Now}")).GetProperty("data");
        var pattern = Assert.Single(patterns.GetProperty("patterns").EnumerateArray());
        Assert.Equal(20, pattern.GetProperty("count").GetInt64());
        Assert.StartsWith("GET /api/orders/<*>", pattern.GetProperty("pattern").GetString());
        var loki = (await GetAsync(api, $"/loki/api/v1/patterns?query={Uri.EscapeDataString("{service_name=\"checkout\"}")}&start={Now - 60 * Second}&end={Now}")).GetProperty("data");
        Assert.StartsWith("GET /api/orders/<_>", Assert.Single(loki.EnumerateArray()).GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task TailSendsTheNewestLinesThenEachNewLineOnce()
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _server.AdminKey);
        var query = Uri.EscapeDataString("{service_name=\"checkout\"} |= \"status=500\"");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.HttpPort}/loki/api/v1/tail?query={query}&start={Now - 60 * Second}&limit=2"), CancellationToken.None);

        var backlog = await ReceiveLinesAsync(socket);
        Assert.Equal(["GET /api/orders/10 status=500 duration=10ms", "GET /api/orders/15 status=500 duration=15ms"], backlog);

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        await PushAsync($"{{\"streams\": [{{\"stream\": {{\"service_name\": \"checkout\", \"level\": \"info\"}}, \"values\": [[\"{now}\", \"GET /api/orders/99 status=500 late\"], [\"{now}\", \"GET /api/orders/98 status=200\"]]}}]}}");
        Assert.Equal(["GET /api/orders/99 status=500 late"], await ReceiveLinesAsync(socket));

        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    /// <summary>The lines of the next tail message.</summary>
    private static async Task<List<string>> ReceiveLinesAsync(System.Net.WebSockets.ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        System.Net.WebSockets.WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        var root = JsonDocument.Parse(message.ToArray()).RootElement;
        return [.. root.GetProperty("streams").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray().Select(v => v[1].GetString()!))];
    }

    [Fact]
    public async Task AnotherTenantSeesNothingAndBadQueriesSayWhy()
    {
        using var admin = _server.ApiClient();
        await PolledAsync(admin, "/loki/api/v1/labels", d => d.GetArrayLength() > 0);
        await ApiRequests.CreateTenantAsync(admin, "other");
        var created = await admin.PostAsync("/api/v1/admin/tenants/other/keys", new StringContent("{\"name\":\"grafana\",\"scopes\":[\"query\"]}"));
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("key").GetString();
        using var stranger = _server.ApiClient(key);
        Assert.Equal(0, (await GetAsync(stranger, "/loki/api/v1/labels")).GetProperty("data").GetArrayLength());
        Assert.Equal(0, (await GetAsync(stranger, Range("{service_name=~\".+\"}"))).GetProperty("data").GetProperty("result").GetArrayLength());

        foreach (var (path, reason) in new[]
                 {
                     (Range("{service_name=\"checkout\""), "parse error"),
                     (Range("{service_name=\"checkout\"}", "&limit=100000"), "max entries limit"),
                     ($"/loki/api/v1/query?query={Uri.EscapeDataString("{service_name=\"checkout\"}")}", "instant query"),
                     (Range("{service_name=\"checkout\"}", "&start=yesterday"), "start"),
                 })
        {
            using var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using var anonymous = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/loki/api/v1/labels")).StatusCode);
    }
}
