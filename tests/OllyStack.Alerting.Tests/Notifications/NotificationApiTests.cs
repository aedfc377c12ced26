using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OllyStack.Alerting.Notifications.Api;
using OllyStack.Core.Admission;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>The HTTP endpoints through Kestrel on loopback, with a caller whose key has the query scope only.</summary>
public sealed class NotificationApiTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private NotifierHarness _harness = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _harness = NotifierHarness.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        new NotificationApi(_harness.Service, Authenticate).Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : "";
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
        _receiver.Dispose();
    }

    /// <summary>
    /// Stands in for the server's check: the caller may read and manage alerts, or only read when the request says
    /// <c>X-Read-Only</c>; a missing permission is refused with 403.
    /// </summary>
    private static async Task<Principal?> Authenticate(HttpContext context, Permissions permission)
    {
        var readOnly = context.Request.Headers.ContainsKey("X-Read-Only");
        var caller = new Principal(NotifierHarness.Tenant, "key:key_test", Permissions.MetricsRead | (readOnly ? 0 : Permissions.AlertsManage));
        if (caller.Can(permission)) return caller;
        context.Response.StatusCode = 403;
        await context.Response.WriteAsync("forbidden");
        return null;
    }

    [Fact]
    public async Task ASilenceIsCreatedListedReadAndExpiredInAlertmanagersShapes()
    {
        var start = _harness.Now;
        var created = await _client.PostAsJsonAsync("/api/v2/silences", new
        {
            matchers = new[] { new { name = "alertname", value = "Down", isRegex = false, isEqual = true } },
            startsAt = start,
            endsAt = start.AddHours(2),
            createdBy = "ops",
            comment = "deploy",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenceID").GetString()!;

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/v2/silences?filter=alertname%3DDown");
        var silence = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, silence.GetProperty("id").GetString());
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("""[{"name":"alertname","value":"Down","isRegex":false,"isEqual":true}]""", silence.GetProperty("matchers").GetRawText());
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>("/api/v2/silences?filter=alertname%3DUp")).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await _client.DeleteAsync($"/api/v2/silence/{id}")).StatusCode);
        var expired = await _client.GetFromJsonAsync<JsonElement>($"/api/v2/silence/{id}");
        Assert.Equal("expired", expired.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v2/silence/nope")).StatusCode);
    }

    [Fact]
    public async Task AnInvalidSilenceIsRefusedWithTheReason()
    {
        var response = await _client.PostAsJsonAsync("/api/v2/silences", new
        {
            matchers = Array.Empty<object>(),
            startsAt = _harness.Now,
            endsAt = _harness.Now.AddHours(1),
            createdBy = "ops",
            comment = "x",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("at least one matcher required", await response.Content.ReadFromJsonAsync<string>());
    }

    [Fact]
    public async Task ReplacingTheConfigurationAndSilencingNeedAlertsManage()
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/alertmanager/config") { Content = new StringContent("route: {receiver: a}") };
        put.Headers.Add("X-Read-Only", "1");
        using var silence = new HttpRequestMessage(HttpMethod.Post, "/api/v2/silences") { Content = JsonContent.Create(new { matchers = Array.Empty<object>() }) };
        silence.Headers.Add("X-Read-Only", "1");

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(silence)).StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v2/silences");
        read.Headers.Add("X-Read-Only", "1");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task TheConfigurationIsReadAndTheNotificationLogListsDeliveries()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/alertmanager/config")).StatusCode);
        var config = $"""
            route:
              receiver: hook
              group_wait: 0s
            receivers:
              - name: hook
                webhook_configs:
                  - url: "{_receiver.Url}"
            """;
        _harness.Service.ApplyConfig(NotifierHarness.Tenant, config);

        Assert.Equal(config, await _client.GetStringAsync("/api/v1/alertmanager/config"));

        _harness.Notify(_harness.Alert(("alertname", "Down")));
        await _harness.AdvanceAsync(TimeSpan.Zero);
        var log = await _client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?receiver=hook");
        var attempt = Assert.Single(log.GetProperty("data").EnumerateArray());
        Assert.Equal(("hook", "webhook[0]", "success", 1), (
            attempt.GetProperty("receiver").GetString(), attempt.GetProperty("integration").GetString(),
            attempt.GetProperty("status").GetString(), attempt.GetProperty("alerts").GetInt32()));
    }
}

/// <summary>The configuration endpoint with an admin caller: a bad configuration is refused with its line, a good one is in force at once.</summary>
public sealed class AlertmanagerConfigApiTests : IAsyncLifetime
{
    private NotifierHarness _harness = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _harness = NotifierHarness.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var admin = new Principal(NotifierHarness.Tenant, "key:key_admin", Permissions.All);
        new NotificationApi(_harness.Service, (_, _) => Task.FromResult<Principal?>(admin)).Map(_app);
        await _app.StartAsync();
        var server = (IServer)_app.Services.GetService(typeof(IServer))!;
        _client = new HttpClient { BaseAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task ABadConfigurationIsRefusedNamingTheProblemAndTheOldOneStays()
    {
        var good = "route: {receiver: a}\nreceivers: [{name: a}]\n";
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/api/v1/alertmanager/config", new StringContent(good))).StatusCode);

        var response = await _client.PutAsync("/api/v1/alertmanager/config", new StringContent("route:\n  receiver: b\nreceivers: [{name: a}]\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bad_data", error.GetProperty("errorType").GetString());
        Assert.Equal("invalid Alertmanager configuration: line 2, column 13: route.receiver: undefined receiver \"b\" used in route", error.GetProperty("error").GetString());
        Assert.Equal(good, await _client.GetStringAsync("/api/v1/alertmanager/config"));
        Assert.Equal(good, await File.ReadAllTextAsync(Path.Combine(_harness.DataDirectory, "alertmanager", "acme.yaml"), Encoding.UTF8));
    }

    [Fact]
    public async Task AJsonConfigurationIsAcceptedToo()
    {
        var json = """{"route": {"receiver": "a"}, "receivers": [{"name": "a"}]}""";

        var response = await _client.PutAsync("/api/v1/alertmanager/config", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a", _harness.Notifier.Config?.Route.Receiver);
    }
}
