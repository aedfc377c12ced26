using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Compliance;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Prometheus;

namespace OllyStack.EndToEnd;

/// <summary>
/// Local users through the real binary: a password login starts a cookie session that reads the API as the user's
/// tenant with the permissions of its role, guarded against other sites, until logout; failures are audited.
/// </summary>
public sealed class LocalSignInTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "acme");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AViewersSessionReadsItsTenantsMetricsIsRefusedAlertChangesAndEndsAtLogout()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateUserAsync(admin, "acme", "ann", "viewer", Password);
        var acmeKey = await ApiRequests.CreateKeyAsync(admin, "acme", "ingest");
        await RemoteWriteAsync(acmeKey, "acme_requests_total");
        await RemoteWriteAsync(_server.AdminKey, "operator_requests_total");
        using var browser = new SignedInBrowser(_server.ApiEndpoint);

        using var login = await browser.LoginAsync("acme", "ann", Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ollystack_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/api/v1/labels")).StatusCode);
        JsonElement names = default;
        await Poll.UntilAsync(async () =>
        {
            names = await ApiRequests.DataAsync(browser.Http, "/api/v1/label/__name__/values");
            return names.GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(30), "acme's metric to be listed");
        Assert.Equal(["acme_requests_total"], names.EnumerateArray().Select(n => n.GetString()));

        using var alerts = await browser.SendAsync(HttpMethod.Put, "/api/v1/alertmanager/config", new StringContent("route:\n  receiver: x\n", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Forbidden, alerts.StatusCode);
        Assert.Contains("user:acme/ann lacks the alerts:manage permission", await alerts.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/logout")).StatusCode);
        using var after = await browser.Http.GetAsync("/api/v1/labels");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.logout", Actor: "user:acme/ann" }, "the logout to be audited");
    }

    [Fact]
    public async Task AWrongPasswordIsAnswered401WithoutSayingWhichPartWasWrongAndIsAudited()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateUserAsync(admin, "acme", "ann", "viewer", Password);
        using var browser = new SignedInBrowser(_server.ApiEndpoint);

        using var wrong = await browser.LoginAsync("acme", "ann", "not the password at all");
        using var unknown = await browser.LoginAsync("acme", "nobody", Password);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        var audited = await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.login", Target: "acme/ann" }, "the failed login to be audited");
        Assert.Equal(("anonymous", "127.0.0.1", "acme", "failure: wrong password"), (audited.Actor, audited.Source, audited.Tenant, audited.Outcome));
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("acme", "ann", Password)).StatusCode);
        await AuditLogReader.WaitForAsync(_server, e => e is { Action: "user.login", Outcome: "success", Actor: "user:acme/ann" }, "the login to be audited");
    }

    [Fact]
    public async Task ASessionChangesStateOnlyWithItsCsrfTokenAndNeverForAnotherSite()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateUserAsync(admin, "acme", "eve", "editor", Password);
        using var browser = new SignedInBrowser(_server.ApiEndpoint);
        await browser.LoginAsync("acme", "eve", Password);
        const string config = "route:\n  receiver: hook\nreceivers:\n  - name: hook\n";

        using var withoutToken = await browser.SendAsync(HttpMethod.Put, "/api/v1/alertmanager/config", Yaml(config), withCsrf: false);
        using var fromElsewhere = await browser.SendAsync(HttpMethod.Put, "/api/v1/alertmanager/config", Yaml(config), origin: "https://evil.example");
        using var asTheUi = await browser.SendAsync(HttpMethod.Put, "/api/v1/alertmanager/config", Yaml(config), origin: _server.ApiEndpoint.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Contains("X-Ollystack-Csrf", await withoutToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.True(asTheUi.IsSuccessStatusCode, await asTheUi.Content.ReadAsStringAsync());
        using var formLogin = await browser.Http.PostAsync("/api/v1/auth/login", new StringContent("""{"tenant":"acme","username":"eve","password":"correct horse battery staple"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formLogin.StatusCode);
    }

    [Fact]
    public async Task WhoAmIShowsEachKindOfCallerWithItsTenantAndPermissions()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateUserAsync(admin, "acme", "eve", "editor", Password);
        using var browser = new SignedInBrowser(_server.ApiEndpoint);
        await browser.LoginAsync("acme", "eve", Password);

        var session = await browser.MeAsync();
        var key = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/auth/me")).RootElement.GetProperty("data");

        Assert.Equal(("acme", "user:acme/eve", "session", "eve", "editor", "password"),
            (Text(session, "tenant"), Text(session, "actor"), Text(session, "method"), Text(session, "user"), Text(session, "role"), Text(session, "sign_in")));
        Assert.Equal(["metrics:read", "logs:read", "traces:read", "ingest:write", "alerts:manage"], session.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(43, Text(session, "csrf_token").Length);
        Assert.Equal(("default", "api_key"), (Text(key, "tenant"), Text(key, "method")));
        Assert.False(key.TryGetProperty("csrf_token", out _));
    }

    [Fact]
    public async Task TheUserAdminApiNamesBadFieldsAndAnswers404And409()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateUserAsync(admin, "acme", "ann", "viewer", Password);

        using var shortPassword = await admin.PostAsJsonAsync("/api/v1/admin/users?tenant=acme", new { name = "bob", password = "too short" });
        using var unknownField = await admin.PostAsJsonAsync("/api/v1/admin/users?tenant=acme", new { name = "bob", password = Password, admin = true });
        using var duplicate = await admin.PostAsJsonAsync("/api/v1/admin/users?tenant=acme", new { name = "ann", password = Password });
        using var missing = await admin.GetAsync("/api/v1/admin/users/nobody?tenant=acme");
        using var listed = await admin.GetAsync("/api/v1/admin/users?tenant=acme");

        Assert.Equal((HttpStatusCode.BadRequest, "password must have at least 12 characters"), (shortPassword.StatusCode, await ApiRequests.ErrorAsync(shortPassword)));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.StartsWith("unknown field 'admin'", await ApiRequests.ErrorAsync(unknownField));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var users = await listed.Content.ReadAsStringAsync();
        Assert.Contains("\"name\":\"ann\"", users);
        Assert.DoesNotContain("pbkdf2", users);
        Assert.DoesNotContain("password\":\"", users);
    }

    [Fact]
    public async Task AUserManagerCannotGrantPermissionsItDoesNotHaveNorReachAnotherTenant()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "globex");
        await ApiRequests.PostJsonAsync(admin, "/api/v1/admin/roles?tenant=acme", """{"name":"people","permissions":["users:manage","metrics:read"]}""");
        await ApiRequests.CreateUserAsync(admin, "acme", "hr", "people", Password);
        using var browser = new SignedInBrowser(_server.ApiEndpoint);
        await browser.LoginAsync("acme", "hr", Password);

        using var viewer = await browser.SendAsync(HttpMethod.Post, "/api/v1/admin/users", JsonContent.Create(new { name = "val", role = "people", password = Password }));
        using var toAdmin = await browser.SendAsync(HttpMethod.Post, "/api/v1/admin/users", JsonContent.Create(new { name = "mal", role = "admin", password = Password }));
        using var broadRole = await browser.SendAsync(HttpMethod.Post, "/api/v1/admin/roles", JsonContent.Create(new { name = "root", permissions = new[] { "tenants:manage" } }));
        using var otherTenant = await browser.Http.GetAsync("/api/v1/admin/users?tenant=globex");

        Assert.Equal(HttpStatusCode.Created, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toAdmin.StatusCode);
        Assert.Contains("may not give the role 'admin'", await ApiRequests.ErrorAsync(toAdmin));
        Assert.Equal(HttpStatusCode.Forbidden, broadRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.StatusCode);
    }

    [Fact]
    public async Task UsersAndRolesAreManagedFromTheCli()
    {
        var role = await AdminAsync(null, "role", "create", "oncall", "--permissions", "metrics:read,alerts:manage", "--tenant", "acme", "--json");
        Assert.True(role.ExitCode == 0, role.Error);
        var created = await AdminAsync(Password, "user", "create", "olly", "--tenant", "acme", "--role", "oncall", "--email", "olly@acme.test", "--password-stdin", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal("oncall", JsonDocument.Parse(created.Output).RootElement.GetProperty("role").GetString());
        using (var browser = new SignedInBrowser(_server.ApiEndpoint))
            Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("acme", "olly", Password)).StatusCode);

        var table = await AdminAsync(null, "user", "list", "--tenant", "acme");
        Assert.Contains("olly@acme.test", table.Output);
        var roles = await AdminAsync(null, "role", "list", "--tenant", "acme");
        Assert.Contains("metrics:read, alerts:manage", roles.Output);
        var disabled = await AdminAsync(null, "user", "update", "olly", "--tenant", "acme", "--disabled", "true", "--json");
        Assert.True(JsonDocument.Parse(disabled.Output).RootElement.GetProperty("disabled").GetBoolean());
        using (var browser = new SignedInBrowser(_server.ApiEndpoint))
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("acme", "olly", Password)).StatusCode);
        var held = await AdminAsync(null, "role", "delete", "oncall", "--tenant", "acme");
        Assert.Equal(1, held.ExitCode);
        Assert.Contains("409", held.Error);

        Assert.Equal(0, (await AdminAsync(null, "user", "delete", "olly", "--tenant", "acme")).ExitCode);
        Assert.Equal(0, (await AdminAsync(null, "role", "delete", "oncall", "--tenant", "acme")).ExitCode);
        var audited = (await AuditLogReader.ReadAsync(_server)).Where(e => e.Tenant == "acme").Select(e => e.Action).ToList();
        Assert.Equal(["role.create", "user.create", "user.disable", "user.delete", "role.delete"],
            audited.Where(a => a.StartsWith("role.", StringComparison.Ordinal) || a is "user.create" or "user.disable" or "user.delete"));
    }

    private Task<(int ExitCode, string Output, string Error)> AdminAsync(string? input, params string[] args) =>
        Cli.RunWithInputAsync(input, [.. args, "--server", _server.ApiEndpoint.ToString(), "--admin-key", _server.AdminKey]);

    private async Task RemoteWriteAsync(string key, string metric)
    {
        using var push = _server.PushClient(key);
        await RemoteWriter.SendAsync(push, new Uri(_server.OtlpHttpEndpoint, "/api/v1/write"),
            [([new Label { Name = "__name__", Value = metric }, new Label { Name = "job", Value = "shop" }], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1)]);
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
