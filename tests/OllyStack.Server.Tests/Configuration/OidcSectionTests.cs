using OllyStack.ControlPlane.Oidc;
using OllyStack.Server.Configuration;

namespace OllyStack.Server.Tests.Configuration;

public sealed class OidcSectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ollystack-server-tests", Guid.NewGuid().ToString("N"));

    public OidcSectionTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string> Yaml(string text)
    {
        var path = Path.Combine(_directory, "ollystack.yaml");
        File.WriteAllText(path, text);
        return new() { ["config"] = path };
    }

    private static ServerOptions Load(Dictionary<string, string> flags, Dictionary<string, string?>? environment = null) =>
        ServerOptionsLoader.Load(flags, environment ?? []);

    [Fact]
    public void WithoutAnOidcSectionThereIsNoProvider()
    {
        Assert.Null(Load([]).Oidc);
    }

    [Fact]
    public void TheOidcSectionNamesTheProviderAndTheEnvironmentAndFlagsOverrideItsKeys()
    {
        var flags = Yaml("""
            external_url: https://ollystack.example.com
            oidc:
              issuer: https://login.example.com/realms/main
              client_id: ollystack
              client_secret: from-yaml
              token_endpoint_auth_method: client_secret_post
              audience: https://ollystack.example.com/api
              tenant_claim: org
              role_claim: groups
              scopes: openid email
              clock_skew: 5s
            """);
        flags["oidc-client-id"] = "ollystack-web";

        var options = Load(flags, new() { ["OLLYSTACK_OIDC_CLIENT_SECRET"] = "from-env" });

        Assert.Equal(new OidcSettings
        {
            Issuer = "https://login.example.com/realms/main", ClientId = "ollystack-web", ClientSecret = "from-env",
            TokenEndpointAuthMethod = "client_secret_post", Audience = "https://ollystack.example.com/api", TenantClaim = "org", RoleClaim = "groups",
            Scopes = "openid email", ClockSkew = TimeSpan.FromSeconds(5),
        }, options.Oidc);
    }

    [Fact]
    public void TheClaimNamesScopesAndSkewHaveDefaults()
    {
        var settings = Load(new() { ["oidc-issuer"] = "http://127.0.0.1:9000", ["oidc-audience"] = "api" }).Oidc!;

        Assert.Equal(("ollystack_tenant", "ollystack_role", "openid profile email", TimeSpan.FromSeconds(30), "client_secret_basic", (string?)null),
            (settings.TenantClaim, settings.RoleClaim, settings.Scopes, settings.ClockSkew, settings.TokenEndpointAuthMethod, settings.ClientId));
    }

    [Theory]
    [InlineData("oidc:\n  client_id: ollystack\n", "the oidc settings need oidc.issuer")]
    [InlineData("oidc:\n  issuer: login.example.com\n  client_id: x\n", "oidc.issuer must be the provider's http(s) issuer URL")]
    [InlineData("oidc:\n  issuer: https://idp.test\n", "oidc needs client_id (single sign-on for the UI), audience (bearer tokens on the API), or both")]
    [InlineData("oidc:\n  issuer: https://idp.test\n  client_id: x\n  token_endpoint_auth_method: private_key_jwt\n", "oidc.token_endpoint_auth_method must be client_secret_basic or client_secret_post")]
    [InlineData("oidc:\n  issuer: https://idp.test\n  client_id: x\n  scopes: profile\n", "oidc.scopes must include 'openid'")]
    [InlineData("oidc:\n  issuer: https://idp.test\n  secret: x\n", "unknown setting 'secret' in 'oidc'; known: issuer, client_id")]
    public void AMistakeInTheSectionIsReportedByName(string yaml, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Yaml(yaml)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void SessionTimeoutsAreDurations()
    {
        var options = Load(new() { ["session-idle-timeout"] = "30m", ["session-lifetime"] = "1d" });

        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromDays(1)), (options.SessionIdleTimeout, options.SessionLifetime));
        Assert.Equal((TimeSpan.FromHours(12), TimeSpan.FromDays(7)), (Load([]).SessionIdleTimeout, Load([]).SessionLifetime));
    }
}
