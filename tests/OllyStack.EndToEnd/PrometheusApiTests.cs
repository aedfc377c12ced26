using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Prometheus;
using Snappier;

namespace OllyStack.EndToEnd;

/// <summary>Series sent by remote write are listed by the Prometheus metadata APIs, for their tenant only.</summary>
public sealed class PrometheusApiTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SeriesLabelsAndValuesAreListedForTheCallersTenant()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await RemoteWriteAsync(_server.AdminKey, now, ("up", "node", "a:9100"), ("up", "node", "b:9100"), ("up", "api", "c:8080"));
        using var admin = _server.ApiClient();

        JsonElement series = default;
        await Poll.UntilAsync(async () =>
        {
            series = await DataAsync(admin, "/api/v1/series?match[]=up{job=\"node\"}");
            return series.GetArrayLength() == 2;
        }, TimeSpan.FromSeconds(30), "the node series to be listed");

        Assert.All(series.EnumerateArray(), s => Assert.Equal("node", s.GetProperty("job").GetString()));
        Assert.Equal(["__name__", "instance", "job"], (await DataAsync(admin, "/api/v1/labels")).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["api", "node"], (await DataAsync(admin, "/api/v1/label/job/values")).EnumerateArray().Select(e => e.GetString()));
        var posted = await admin.PostAsync("/api/v1/series", new FormUrlEncodedContent([new("match[]", "{instance=~\"c.*\"}")]));
        Assert.Equal(1, JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetArrayLength());
        var past = await DataAsync(admin, $"/api/v1/series?match[]=up&start=0&end={(now - 3_600_000) / 1000}");
        Assert.Equal(0, past.GetArrayLength());

        var other = await CreateKeyAsync("other-team");
        using var stranger = _server.ApiClient(other);
        Assert.Equal(0, (await DataAsync(stranger, "/api/v1/series?match[]=up")).GetArrayLength());
        Assert.Equal(0, (await DataAsync(stranger, "/api/v1/label/job/values")).GetArrayLength());
    }

    [Fact]
    public async Task PromQLInstantAndRangeQueriesAnswerInPrometheusShapes()
    {
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        for (var i = 0; i <= 4; i++)
            await RemoteWriteCounterAsync(t0 - (4 - i) * 15_000, i * 15);
        using var admin = _server.ApiClient();
        var at = t0 / 1000.0;

        JsonElement rate = default;
        await Poll.UntilAsync(async () =>
        {
            rate = await DataAsync(admin, $"/api/v1/query?query=sum(rate(http_requests_total[1m]))&time={at}");
            return rate.GetProperty("result").GetArrayLength() == 1;
        }, TimeSpan.FromSeconds(30), "the counter to be queryable");
        Assert.Equal("vector", rate.GetProperty("resultType").GetString());
        var point = rate.GetProperty("result")[0].GetProperty("value");
        Assert.Equal(at, point[0].GetDouble(), 3);
        Assert.Equal(1.0, double.Parse(point[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture), 6);

        var range = await DataAsync(admin, $"/api/v1/query_range?query=http_requests_total&start={at - 60}&end={at}&step=15s");
        Assert.Equal("matrix", range.GetProperty("resultType").GetString());
        var series = Assert.Single(range.GetProperty("result").EnumerateArray());
        Assert.Equal("api", series.GetProperty("metric").GetProperty("job").GetString());
        Assert.Equal(["0", "15", "30", "45", "60"], series.GetProperty("values").EnumerateArray().Select(v => v[1].GetString()));

        var scalar = await DataAsync(admin, "/api/v1/query?query=1%2B1");
        Assert.Equal("scalar", scalar.GetProperty("resultType").GetString());
        Assert.Equal("2", scalar.GetProperty("result")[1].GetString());

        var bad = await admin.GetAsync("/api/v1/query?query=sum(");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("bad_data", await bad.Content.ReadAsStringAsync());
        var wrongType = await admin.GetAsync($"/api/v1/query_range?query=http_requests_total[1m]&start={at - 60}&end={at}&step=15");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task ARepeatedRangeQueryOverSettledDataStillSeesASeriesBackfilledAfterwards()
    {
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var path = $"/api/v1/query_range?query=count(backfilled)&start={(t0 - 3_000_000) / 1000}&end={(t0 - 1_200_000) / 1000}&step=60";
        await RemoteWriteAsync(_server.AdminKey, t0 - 2_400_000, ("backfilled", "batch", "a"));
        using var admin = _server.ApiClient();
        await Poll.UntilAsync(async () => CountsOf(await DataAsync(admin, path)).SequenceEqual((int[])[1, 1, 1, 1, 1, 1]),
            TimeSpan.FromSeconds(30), "the first series to be counted");
        var repeated = CountsOf(await DataAsync(admin, path));
        Assert.Equal((int[])[1, 1, 1, 1, 1, 1], repeated);

        await RemoteWriteAsync(_server.AdminKey, t0 - 2_400_000, ("backfilled", "batch", "b"));

        await Poll.UntilAsync(async () => CountsOf(await DataAsync(admin, path)).SequenceEqual((int[])[2, 2, 2, 2, 2, 2]),
            TimeSpan.FromSeconds(30), "the backfilled series to be counted by the repeated query");
    }

    private static int[] CountsOf(JsonElement matrix) =>
        matrix.GetProperty("result").EnumerateArray()
            .SelectMany(s => s.GetProperty("values").EnumerateArray().Select(v => int.Parse(v[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

    [Fact]
    public async Task BadRequestsGetPrometheusErrorTypes()
    {
        using var admin = _server.ApiClient();

        var noMatch = await admin.GetAsync("/api/v1/series");
        Assert.Equal(HttpStatusCode.BadRequest, noMatch.StatusCode);
        var error = JsonDocument.Parse(await noMatch.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Equal("bad_data", error.GetProperty("errorType").GetString());

        var badSelector = await admin.GetAsync("/api/v1/series?match[]=up{");
        Assert.Equal(HttpStatusCode.BadRequest, badSelector.StatusCode);
        Assert.Contains("parse error", await badSelector.Content.ReadAsStringAsync());

        using var anonymous = new HttpClient { BaseAddress = _server.ApiEndpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/labels")).StatusCode);
        Assert.Equal(0, (await DataAsync(admin, "/api/v1/query_exemplars?query=up")).GetArrayLength());
        var buildInfo = await DataAsync(admin, "/api/v1/status/buildinfo");
        Assert.StartsWith("2.", buildInfo.GetProperty("version").GetString());
    }

    private async Task RemoteWriteAsync(string key, long timestampMs, params (string Name, string Job, string Instance)[] series)
    {
        var request = new WriteRequest();
        foreach (var (name, job, instance) in series)
        {
            var ts = new TimeSeries { Samples = { new Sample { Timestamp = timestampMs, Value = 1 } } };
            ts.Labels.Add(new Label { Name = "__name__", Value = name });
            ts.Labels.Add(new Label { Name = "instance", Value = instance });
            ts.Labels.Add(new Label { Name = "job", Value = job });
            request.Timeseries.Add(ts);
        }
        var content = new ByteArrayContent(Snappy.CompressToArray(request.ToByteArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var push = _server.PushClient(key);
        Assert.Equal(HttpStatusCode.NoContent, (await push.PostAsync("/api/v1/write", content)).StatusCode);
    }

    private async Task RemoteWriteCounterAsync(long timestampMs, double value)
    {
        var series = new TimeSeries { Samples = { new Sample { Timestamp = timestampMs, Value = value } } };
        series.Labels.Add(new Label { Name = "__name__", Value = "http_requests_total" });
        series.Labels.Add(new Label { Name = "job", Value = "api" });
        var content = new ByteArrayContent(Snappy.CompressToArray(new WriteRequest { Timeseries = { series } }.ToByteArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var push = _server.PushClient();
        Assert.Equal(HttpStatusCode.NoContent, (await push.PostAsync("/api/v1/write", content)).StatusCode);
    }

    private async Task<string> CreateKeyAsync(string tenant)
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, tenant);
        return await ApiRequests.CreateKeyAsync(admin, tenant);
    }

    private static async Task<JsonElement> DataAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("data");
    }
}
