using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.EndToEnd;

/// <summary>
/// Tenant isolation through the real binary: tenant beta writes metrics, logs, a trace, a rule group that fires, a
/// silence, a user and a custom role, all carrying the word "beta"; tenant alpha, with keys of every scope, reads every read API, with
/// selectors, regex matchers, label values and queries that fail, and no answer ever contains that word. Each of
/// beta's items is first seen through beta's own credentials, so the checks are not passing on missing data.
/// </summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private const string BetaTraceId = "5b8aa5a2d2c872e8321cf37308d69df2";

    private ServerProcess _server = null!;
    private HttpClient _alpha = null!;
    private HttpClient _beta = null!;
    private string _betaKey = "";

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "alpha");
        await ApiRequests.CreateTenantAsync(admin, "beta");
        _alpha = _server.ApiClient(await ApiRequests.CreateKeyAsync(admin, "alpha", "ingest,query,admin"));
        _betaKey = await ApiRequests.CreateKeyAsync(admin, "beta", "ingest,query,admin");
        _beta = _server.ApiClient(_betaKey);
    }

    public async Task DisposeAsync()
    {
        _alpha.Dispose();
        _beta.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NoReadApiShowsAnotherTenantsDataToAnyCredentialOfATenant()
    {
        await WriteBetaAsync();
        await SeenByBetaAsync();

        foreach (var path in ReadPaths())
        {
            using var response = await _alpha.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(!body.Contains("beta", StringComparison.OrdinalIgnoreCase), $"alpha's GET {path} answered {(int)response.StatusCode} with: {body}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _alpha.GetAsync($"/api/traces/{BetaTraceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/usage?tenant=beta")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/audit?tenant=beta")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/admin/tenants/beta/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/admin/tenants/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/admin/users?tenant=beta")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/admin/roles?tenant=beta")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _alpha.GetAsync("/api/v1/admin/users/beta-user?tenant=beta")).StatusCode);
        Assert.Equal(await AnswerAsync("/api/v1/admin/users/nobody"), (await AnswerAsync("/api/v1/admin/users/beta-user")).Replace("beta-user", "nobody"));
        Assert.Equal(await AnswerAsync("/api/v1/admin/roles/nothing"), (await AnswerAsync("/api/v1/admin/roles/beta-role")).Replace("beta-role", "nothing"));
    }

    /// <summary>Alpha's answer to a path naming one of beta's items: the same as for a name nobody has, so it reveals nothing.</summary>
    private async Task<string> AnswerAsync(string path)
    {
        using var response = await _alpha.GetAsync(path);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static IEnumerable<string> ReadPaths()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var range = $"&start={now - 3600}&end={now + 60}";
        string Q(string query) => Uri.EscapeDataString(query);
        return
        [
            $"/api/v1/query?query={Q("{__name__=~\".+\"}")}",
            $"/api/v1/query?query={Q("beta_secret_depth")}",
            $"/api/v1/query?query={Q("{secret=~\"b.*\"}")}",
            $"/api/v1/query?query={Q("count by (__name__, secret) ({__name__=~\".*\"})")}",
            $"/api/v1/query?query={Q("{__name__=~\".+\"} + on() {__name__=~\".+\"}")}",
            $"/api/v1/query?query={Q("label_replace(vector(1), \"x\", \"$1\", \"y\", \"(.*)\") / on() group_left {secret!=\"\"}")}",
            $"/api/v1/query_range?query={Q("{secret=~\".+\"}")}{range}&step=15",
            $"/api/v1/series?match[]={Q("{__name__=~\".+\"}")}{range}",
            $"/api/v1/series?match[]={Q("{secret=~\"beta.*\"}")}",
            "/api/v1/labels",
            $"/api/v1/labels?match[]={Q("{__name__=~\".+\"}")}",
            "/api/v1/label/__name__/values",
            "/api/v1/label/secret/values",
            "/api/v1/label/service_name/values",
            "/api/v1/metadata",
            "/api/v1/metadata?metric=beta_secret_depth",
            "/loki/api/v1/labels",
            "/loki/api/v1/label/service_name/values",
            $"/loki/api/v1/query_range?query={Q("{service_name=~\".+\"}")}{range}",
            $"/loki/api/v1/query_range?query={Q("{service_name=~\".+\"} |~ \"(?i)beta\"")}{range}",
            $"/loki/api/v1/query?query={Q("sum by (service_name) (count_over_time({service_name=~\".+\"}[1h]))")}",
            $"/loki/api/v1/series?match[]={Q("{service_name=~\".+\"}")}{range}",
            "/api/services",
            "/api/services/beta-svc/operations",
            $"/api/traces?service=beta-svc{range}",
            $"/api/traces/{BetaTraceId}",
            "/api/v1/rules",
            "/api/v1/alerts",
            "/api/v2/silences",
            "/api/v1/alertmanager/config",
            "/api/v1/notifications",
            "/api/v1/usage",
            "/api/v1/cost",
            "/api/v1/audit",
            "/api/v1/admin/tenants",
            "/api/v1/admin/keys",
            "/api/v1/admin/users",
            "/api/v1/admin/roles",
        ];
    }

    private async Task WriteBetaAsync()
    {
        using var push = _server.PushClient(_betaKey);
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "beta-svc" } } } };
        var gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = now, AsDouble = 42, Attributes = { new KeyValue { Key = "secret", Value = new AnyValue { StringValue = "beta-only" } } } } } };
        await PostAsync(push, "/v1/metrics", new ExportMetricsServiceRequest
        {
            ResourceMetrics = { new ResourceMetrics { Resource = resource, ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "beta_secret_depth", Gauge = gauge } } } } } },
        });
        await PostAsync(push, "/v1/logs", new ExportLogsServiceRequest
        {
            ResourceLogs = { new ResourceLogs { Resource = resource, ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord { TimeUnixNano = now, Body = new AnyValue { StringValue = "beta secret line" } } } } } } },
        });
        var spans = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"beta-svc"}}]},
              "scopeSpans":[{"spans":[{"traceId":"{{{BetaTraceId}}}","spanId":"b7ad6b7169203331","name":"beta-operation","kind":2,
                "startTimeUnixNano":"{{{now}}}","endTimeUnixNano":"{{{now + 5_000_000}}}"}]}]}]}
            """;
        using var traces = await push.PostAsync("/v1/traces", new StringContent(spans, Encoding.UTF8, "application/json"));
        Assert.True(traces.IsSuccessStatusCode, await traces.Content.ReadAsStringAsync());
        await ApiRequests.PutYamlAsync(_beta, "/api/v1/rules/beta-rules", """
            name: beta-rules
            rules:
              - alert: BetaSecretAlert
                expr: beta_secret_depth > 0
            """);
        await ApiRequests.PostJsonAsync(_beta, "/api/v2/silences", $$"""
            {"matchers":[{"name":"secret","value":"beta-only","isRegex":false}],"startsAt":"{{DateTimeOffset.UtcNow:O}}",
             "endsAt":"{{DateTimeOffset.UtcNow.AddHours(1):O}}","createdBy":"beta-admin","comment":"beta silence"}
            """);
        await ApiRequests.PostJsonAsync(_beta, "/api/v1/admin/roles", """{"name":"beta-role","permissions":["metrics:read"]}""");
        await ApiRequests.PostJsonAsync(_beta, "/api/v1/admin/users", """{"name":"beta-user","role":"beta-role","password":"beta-password-123"}""");
    }

    /// <summary>Every one of beta's items, through beta's own key: the isolation checks then cannot pass on missing data.</summary>
    private async Task SeenByBetaAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var path in new[]
        {
            "/api/v1/query?query=beta_secret_depth",
            "/api/v1/label/secret/values",
            $"/loki/api/v1/query_range?query={Uri.EscapeDataString("{service_name=\"beta-svc\"}")}&start={now - 3600}&end={now + 60}",
            "/api/services",
            $"/api/traces/{BetaTraceId}",
            "/api/v1/alerts",
            "/api/v2/silences",
            "/api/v1/admin/users",
            "/api/v1/admin/roles",
        })
        {
            var body = "";
            try
            {
                await Poll.UntilAsync(async () =>
                {
                    using var response = await _beta.GetAsync(path);
                    body = await response.Content.ReadAsStringAsync();
                    return response.IsSuccessStatusCode && body.Contains("beta", StringComparison.OrdinalIgnoreCase) && (!path.EndsWith("alerts") || body.Contains("firing"));
                }, TimeSpan.FromSeconds(30), $"beta to see its own data at {path}");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}; its last answer: {body}", e);
            }
        }
    }

    private static async Task PostAsync(HttpClient push, string path, IMessage request)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await push.PostAsync(path, content);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
