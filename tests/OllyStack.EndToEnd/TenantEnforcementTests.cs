using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.EndToEnd;

/// <summary>Tenants' plans and limits enforced at ingest through the real binary, and the meter checked against the store.</summary>
public sealed class TenantEnforcementTests : IAsyncLifetime
{
    private ServerProcess _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _admin = _server.ApiClient();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task OverItsEventRateATenantGets429WithRetryAfterOverHttpAndResourceExhaustedOverGrpc()
    {
        await ApiRequests.CreateTenantAsync(_admin, "small", "free", """{"max_events_per_second":5}""");
        var key = await ApiRequests.CreateKeyAsync(_admin, "small", "ingest");
        using var push = _server.PushClient(key);

        Assert.Equal(HttpStatusCode.OK, (await PostLogsAsync(push, Request("small", 5))).StatusCode);
        using var refused = await PostLogsAsync(push, Request("small", 5));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        var status = OllyStack.Ingest.Rpc.Status.Parser.ParseFrom(await refused.Content.ReadAsByteArrayAsync());
        Assert.Contains("max_events_per_second = 5", status.Message);
        using var channel = GrpcChannel.ForAddress(_server.GrpcEndpoint);
        var grpc = await Assert.ThrowsAsync<RpcException>(() =>
            new LogsService.LogsServiceClient(channel).ExportAsync(Request("small", 5), new Metadata { { "authorization", "Bearer " + key } }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
        Assert.Contains("event rate", grpc.Status.Detail);
    }

    [Fact]
    public async Task ASignalOutsideThePlanIs403SayingSo()
    {
        await ApiRequests.CreateTenantAsync(_admin, "metrics-only", "startup", """{"allowed_features":["metrics"]}""");
        using var push = _server.PushClient(await ApiRequests.CreateKeyAsync(_admin, "metrics-only", "ingest"));

        using var response = await PostLogsAsync(push, Request("x", 1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("may not send logs", OllyStack.Ingest.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).Message);
    }

    [Fact]
    public async Task SuspendingATenantStopsItsIngestAndQueriesAtOnceAndResumingRestoresThem()
    {
        await ApiRequests.CreateTenantAsync(_admin, "acme");
        var key = await ApiRequests.CreateKeyAsync(_admin, "acme");
        using var push = _server.PushClient(key);
        using var api = _server.ApiClient(key);

        await ApiRequests.PatchTenantAsync(_admin, "acme", """{"suspended":true}""");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostLogsAsync(push, Request("acme", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/labels")).StatusCode);
        await ApiRequests.PatchTenantAsync(_admin, "acme", """{"suspended":false}""");

        Assert.Equal(HttpStatusCode.OK, (await PostLogsAsync(push, Request("acme", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/labels")).StatusCode);
        Assert.Contains("\"suspended\":false", await _admin.GetStringAsync("/api/v1/admin/tenants/acme"));
    }

    [Fact]
    public async Task AFloodingTenantAtItsLimitLeavesAnotherTenantsIngestUntouched()
    {
        await ApiRequests.CreateTenantAsync(_admin, "flood", "enterprise", """{"max_events_per_second":50}""");
        await ApiRequests.CreateTenantAsync(_admin, "quiet");
        using var flood = _server.PushClient(await ApiRequests.CreateKeyAsync(_admin, "flood", "ingest"));
        using var quiet = _server.PushClient(await ApiRequests.CreateKeyAsync(_admin, "quiet", "ingest"));
        using var stop = new CancellationTokenSource();
        var throttled = 0;
        var flooders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                if ((await PostLogsAsync(flood, Request("flood", 20))).StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref throttled);
        })).ToList();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++) answers.Add((await PostLogsAsync(quiet, Request("quiet", 20))).StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(flooders);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(throttled > 0, "the flooding tenant was never throttled");
    }

    [Fact]
    public async Task TheMeterAgreesWithWhatTheStoreHolds()
    {
        await ApiRequests.CreateTenantAsync(_admin, "metered", "enterprise", """{"max_events_per_second":30}""");
        var key = await ApiRequests.CreateKeyAsync(_admin, "metered");
        using var push = _server.PushClient(key);
        var accepted = 0;
        for (var i = 0; i < 8; i++)
            if ((await PostLogsAsync(push, Request("metered", 7 + i))).StatusCode == HttpStatusCode.OK) accepted += 7 + i;

        using var api = _server.ApiClient(key);
        long stored = 0;
        var query = Uri.EscapeDataString("sum(count_over_time({service_name=\"metered\"}[1h]))");
        await Poll.UntilAsync(async () =>
        {
            var result = JsonDocument.Parse(await api.GetStringAsync($"/loki/api/v1/query?query={query}")).RootElement.GetProperty("data").GetProperty("result");
            stored = result.GetArrayLength() == 0 ? 0 : long.Parse(result[0].GetProperty("value")[1].GetString()!);
            return stored == accepted;
        }, TimeSpan.FromSeconds(30), $"{accepted} accepted log lines to be queryable");

        var totals = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/usage?tenant=metered")).RootElement.GetProperty("data").GetProperty("totals");
        Assert.Equal(stored, totals.GetProperty("accepted").GetProperty("events").GetInt64());
        Assert.Equal(Enumerable.Range(0, 8).Sum(i => 7 + i), totals.GetProperty("received").GetProperty("events").GetInt64());
        Assert.Equal(totals.GetProperty("received").GetProperty("events").GetInt64() - stored, totals.GetProperty("rejected_by_quota").GetProperty("events").GetInt64());
        Assert.True(totals.GetProperty("queries").GetInt64() >= 1);
        var cost = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/cost?tenant=metered")).RootElement.GetProperty("data");
        Assert.Equal(totals.GetProperty("received").GetProperty("bytes").GetInt64() - totals.GetProperty("rejected_by_quota").GetProperty("bytes").GetInt64(),
            cost.GetProperty("usage").GetProperty("bytes_accepted").GetInt64());
    }

    [Fact]
    public async Task ATenantsAdminSeesOnlyItsOwnUsageAndCannotManageTenants()
    {
        await ApiRequests.CreateTenantAsync(_admin, "acme");
        using var acmeAdmin = _server.ApiClient(await ApiRequests.CreateKeyAsync(_admin, "acme", "admin"));

        Assert.Equal(HttpStatusCode.OK, (await acmeAdmin.GetAsync("/api/v1/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acmeAdmin.GetAsync("/api/v1/usage?tenant=default")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acmeAdmin.PostAsync("/api/v1/admin/tenants", new StringContent("""{"name":"mine"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acmeAdmin.GetAsync("/api/v1/admin/tenants/default/keys")).StatusCode);
        var listed = JsonDocument.Parse(await acmeAdmin.GetStringAsync("/api/v1/admin/tenants")).RootElement.GetProperty("data");
        Assert.Equal(["acme"], listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    private static Task<HttpResponseMessage> PostLogsAsync(HttpClient client, ExportLogsServiceRequest request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return client.PostAsync("/v1/logs", content);
    }

    private static ExportLogsServiceRequest Request(string service, int lines)
    {
        var scope = new ScopeLogs();
        for (var i = 0; i < lines; i++)
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
                SeverityText = "INFO",
                Body = new AnyValue { StringValue = $"line {i} of {service}" },
            });
        var resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } } } };
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { Resource = resource, ScopeLogs = { scope } });
        return request;
    }
}
