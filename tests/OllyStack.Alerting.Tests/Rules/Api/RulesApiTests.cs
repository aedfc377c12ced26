using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OllyStack.Alerting.Evaluation;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Api;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Core.Admission;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Rules.Api;

/// <summary>
/// The rules API over a real store on a loopback port: Prometheus' JSON shape and filters, puts and deletes with
/// their errors, and only the caller's tenant. The caller's tenant comes from an <c>X-Tenant</c> header here.
/// </summary>
public sealed class RulesApiTests : IAsyncLifetime
{
    private const string TeamRules = """
        groups:
          - name: api
            interval: 30s
            limit: 10
            rules:
              - alert: ApiDown
                expr: up{job="api"}==0
                for: 5m
                keep_firing_for: 1m
                labels:
                  severity: page
                annotations:
                  summary: '{{ $labels.instance }} is down'
              - record: job:requests:rate5m
                expr: sum by (job) (rate(http_requests_total[5m]))
          - name: logs
            rules:
              - alert: Timeouts
                expr: sum(count_over_time({app="shop"} |= "timeout" [1m])) > 5
        """;

    private static readonly DateTimeOffset Evaluated = new(2026, 11, 24, 12, 0, 1, 250, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-rules-api-").FullName;
    private readonly FakeStatus _status = new();
    private RuleStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _acme = null!;
    private HttpClient _globex = null!;
    private string _teamFile = null!;

    public async Task InitializeAsync()
    {
        _teamFile = Path.Combine(_directory, "rules", "acme", "team.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(_teamFile)!);
        await File.WriteAllTextAsync(_teamFile, TeamRules);
        _store = new RuleStore(new RuleStoreOptions { DataDirectory = _directory, Fsync = false });
        Assert.Empty(_store.Reload());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        _app = builder.Build();
        new RulesApi(_store, _status, AuthenticateAsync, AuthenticateAsync).Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _acme = Client(address, "acme");
        _globex = Client(address, "globex");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        _globex.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<Principal?> AuthenticateAsync(HttpContext context)
    {
        var tenant = context.Request.Headers["X-Tenant"].ToString();
        if (tenant.Length > 0) return new Principal(tenant, "key:test", KeyScopes.Query.ToPermissions());
        context.Response.StatusCode = 401;
        await context.Response.WriteAsync("""{"status":"error","errorType":"unauthorized","error":"missing API key"}""");
        return null;
    }

    private static HttpClient Client(string address, string tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        return client;
    }

    [Fact]
    public async Task RulesAreListedInPrometheusShapeWithTheEnginesStatus()
    {
        var api = _store.For("acme").Find("api")!;
        _status.Groups[api] = new RuleGroupStatus(TimeSpan.FromMilliseconds(3), Evaluated);
        _status.Rules[api.Rules[0]] = new RuleStatus(EvaluationMode.Streaming, RuleHealth.Ok, null, TimeSpan.FromMilliseconds(1.5), Evaluated,
        [
            new ActiveAlertStatus(Labels.Of(("alertname", "ApiDown"), ("instance", "web-1:9100"), ("job", "api"), ("severity", "page")),
                Labels.Of(("summary", "web-1:9100 is down")), AlertState.Firing, Evaluated.AddMinutes(-6), null, 0),
            new ActiveAlertStatus(Labels.Of(("alertname", "ApiDown"), ("instance", "web-2:9100"), ("job", "api"), ("severity", "page")),
                Labels.Of(("summary", "web-2:9100 is down")), AlertState.Pending, Evaluated.AddSeconds(-30), null, 0),
        ]);
        _status.Rules[api.Rules[1]] = new RuleStatus(EvaluationMode.Interval, RuleHealth.Err, "query timed out", TimeSpan.Zero, Evaluated, []);

        var body = await GetAsync("/api/v1/rules?rule_group[]=api");

        Assert.Equal(Compact($$$"""
            {"status":"success","data":{"groups":[{"name":"api","file":{{{JsonSerializer.Serialize(_teamFile)}}},"rules":[
              {"state":"firing","name":"ApiDown","query":"up{job=\"api\"} == 0","duration":300,"keepFiringFor":60,
               "labels":{"severity":"page"},"annotations":{"summary":"{{ $labels.instance }} is down"},
               "alerts":[
                 {"labels":{"alertname":"ApiDown","instance":"web-1:9100","job":"api","severity":"page"},"annotations":{"summary":"web-1:9100 is down"},
                  "state":"firing","activeAt":"2026-11-24T11:54:01.25Z","value":"0e+00"},
                 {"labels":{"alertname":"ApiDown","instance":"web-2:9100","job":"api","severity":"page"},"annotations":{"summary":"web-2:9100 is down"},
                  "state":"pending","activeAt":"2026-11-24T11:59:31.25Z","value":"0e+00"}],
               "health":"ok","evaluationTime":0.0015,"lastEvaluation":"2026-11-24T12:00:01.25Z","type":"alerting","evaluationMode":"streaming","queryLanguage":"promql"},
              {"name":"job:requests:rate5m","query":"sum by (job) (rate(http_requests_total[5m]))","labels":{},"health":"err","lastError":"query timed out",
               "evaluationTime":0,"lastEvaluation":"2026-11-24T12:00:01.25Z","type":"recording","evaluationMode":"interval","queryLanguage":"promql"}],
             "interval":30,"limit":10,"evaluationTime":0.003,"lastEvaluation":"2026-11-24T12:00:01.25Z"}]}}
            """), body);
    }

    [Fact]
    public async Task ARuleTheEngineDoesNotRunYetIsUnknownAndInactive()
    {
        using var json = JsonDocument.Parse(await GetAsync("/api/v1/rules?rule_group[]=logs"));

        var group = json.RootElement.GetProperty("data").GetProperty("groups")[0];
        var rule = group.GetProperty("rules")[0];
        Assert.Equal(1, group.GetProperty("interval").GetDouble());
        Assert.Equal("0001-01-01T00:00:00Z", group.GetProperty("lastEvaluation").GetString());
        Assert.Equal(("inactive", "unknown", "logql"), (rule.GetProperty("state").GetString(), rule.GetProperty("health").GetString(), rule.GetProperty("queryLanguage").GetString()));
        Assert.Equal(0, rule.GetProperty("alerts").GetArrayLength());
        Assert.False(rule.TryGetProperty("evaluationMode", out _));
        Assert.False(rule.TryGetProperty("lastError", out _));
    }

    [Theory]
    [InlineData("", "api:ApiDown,job:requests:rate5m|logs:Timeouts")]
    [InlineData("?type=alert", "api:ApiDown|logs:Timeouts")]
    [InlineData("?type=record", "api:job:requests:rate5m")]
    [InlineData("?rule_name[]=Timeouts&rule_name[]=ApiDown", "api:ApiDown|logs:Timeouts")]
    [InlineData("?rule_group[]=logs", "logs:Timeouts")]
    [InlineData("?type=record&rule_group[]=logs", "")]
    [InlineData("?file[]=elsewhere.yaml", "")]
    public async Task FiltersSelectGroupsAndRules(string query, string expected)
    {
        using var json = JsonDocument.Parse(await GetAsync("/api/v1/rules" + query));

        var groups = json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("name").GetString() + ":" + string.Join(",", g.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString())));
        Assert.Equal(expected, string.Join("|", groups));
    }

    [Fact]
    public async Task TheFileFilterMatchesTheFileAsListed()
    {
        using var json = JsonDocument.Parse(await GetAsync("/api/v1/rules?file[]=" + Uri.EscapeDataString(_teamFile)));

        Assert.Equal(2, json.RootElement.GetProperty("data").GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task ExcludeAlertsLeavesTheAlertsOut()
    {
        var api = _store.For("acme").Find("api")!;
        _status.Rules[api.Rules[0]] = new RuleStatus(EvaluationMode.Streaming, RuleHealth.Ok, null, TimeSpan.Zero, Evaluated,
            [new ActiveAlertStatus(Labels.Of(("alertname", "ApiDown")), Labels.Empty, AlertState.Firing, Evaluated, null, 1)]);

        using var json = JsonDocument.Parse(await GetAsync("/api/v1/rules?type=alert&exclude_alerts=true"));

        var rule = json.RootElement.GetProperty("data").GetProperty("groups")[0].GetProperty("rules")[0];
        Assert.Equal(("firing", 0), (rule.GetProperty("state").GetString(), rule.GetProperty("alerts").GetArrayLength()));
    }

    [Fact]
    public async Task AnUnknownTypeIsBadData()
    {
        using var response = await _acme.GetAsync("/api/v1/rules?type=alerting");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"status":"error","errorType":"bad_data","error":"invalid parameter \u0022type\u0022: not supported value \u0022alerting\u0022"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherTenantSeesNoneOfTheseRules()
    {
        Assert.Equal("""{"status":"success","data":{"groups":[]}}""", await (await _globex.GetAsync("/api/v1/rules")).Content.ReadAsStringAsync());

        using var delete = await _globex.DeleteAsync("/api/v1/rules/api");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.NotNull(_store.For("acme").Find("api"));
    }

    [Fact]
    public async Task ARefusedCallerGetsTheAuthenticatorsAnswer()
    {
        using var anonymous = new HttpClient { BaseAddress = _acme.BaseAddress };

        using var response = await anonymous.PutAsync("/api/v1/rules/x", new StringContent("rules: []"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_store.For("").Find("x"));
    }

    [Fact]
    public async Task PutCreatesAGroupFromYaml()
    {
        using var response = await _acme.PutAsync("/api/v1/rules/down", new StringContent("""
            name: down
            rules:
              - alert: InstanceDown
                expr: up == 0
                for: 1m
            """, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"success","data":null}""", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(_directory, "rules", "acme", "down.yaml")));
        Assert.Contains("\"name\":\"InstanceDown\"", await GetAsync("/api/v1/rules?rule_group[]=down"));
    }

    [Fact]
    public async Task PutCreatesAGroupFromJsonWithAnyName()
    {
        using var response = await _acme.PutAsync("/api/v1/rules/team%2Fcheckout%20slo", new StringContent(
            """{"rules": [{"record": "service:errors:ratio5m", "expr": "sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))"}]}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(_store.For("acme").Find("team/checkout slo"));
        using var delete = await _acme.DeleteAsync("/api/v1/rules/team%2Fcheckout%20slo");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Null(_store.For("acme").Find("team/checkout slo"));
    }

    [Fact]
    public async Task AnInvalidGroupIsBadDataNamingTheProblem()
    {
        using var response = await _acme.PutAsync("/api/v1/rules/down", new StringContent("rules:\n  - alert: Down\n    expr: up ==\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("error", "bad_data"), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("errorType").GetString()));
        Assert.StartsWith("invalid rule group \"down\": body:3:11: group \"down\", rule 1, \"Down\": could not parse expression: ", json.RootElement.GetProperty("error").GetString());
        Assert.Null(_store.For("acme").Find("down"));
    }

    [Theory]
    [InlineData("", "expected one rule group (name, interval, rules), found nothing")]
    [InlineData("name: other\nrules: []", "the group is named \\u0022other\\u0022 but was sent for group \\u0022down\\u0022")]
    [InlineData("groups:\n  - name: down\n", "not a rule file with groups")]
    public async Task BodiesThatAreNotOneGroupAreBadData(string body, string reason)
    {
        using var response = await _acme.PutAsync("/api/v1/rules/down", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AGroupInAFileTheApiDoesNotOwnIsAConflict()
    {
        using var put = await _acme.PutAsync("/api/v1/rules/api", new StringContent("rules: []"));
        using var delete = await _acme.DeleteAsync("/api/v1/rules/logs");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (put.StatusCode, delete.StatusCode));
        Assert.Contains("\"errorType\":\"conflict\"", await put.Content.ReadAsStringAsync());
        Assert.Equal(TeamRules, await File.ReadAllTextAsync(_teamFile));
    }

    [Fact]
    public async Task DeletingAGroupThatDoesNotExistIsNotFound()
    {
        using var response = await _acme.DeleteAsync("/api/v1/rules/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"status":"error","errorType":"not_found","error":"no rule group \u0022nothing\u0022"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnOversizedBodyIsRefused()
    {
        using var response = await _acme.PutAsync("/api/v1/rules/big", new StringContent("# " + new string('x', RulesApi.MaxBodyBytes)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(_store.For("acme").Find("big"));
    }

    private async Task<string> GetAsync(string path)
    {
        using var response = await _acme.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private sealed class FakeStatus : IRuleStatusSource
    {
        public Dictionary<Rule, RuleStatus> Rules { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<RuleGroup, RuleGroupStatus> Groups { get; } = new(ReferenceEqualityComparer.Instance);

        public RuleStatus? StatusOf(RuleGroup group, Rule rule) => Rules.GetValueOrDefault(rule);

        public RuleGroupStatus? StatusOf(RuleGroup group) => Groups.GetValueOrDefault(group);
    }
}
