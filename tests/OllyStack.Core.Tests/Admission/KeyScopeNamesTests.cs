using OllyStack.Core.Admission;

namespace OllyStack.Core.Tests.Admission;

public sealed class KeyScopeNamesTests
{
    [Fact]
    public void NamesParseCaseInsensitivelyAndCombine()
    {
        Assert.True(KeyScopeNames.TryParse(["ingest", " Query ", "ADMIN"], out var scopes, out var unknown));

        Assert.Equal(KeyScopes.All, scopes);
        Assert.Null(unknown);
    }

    [Fact]
    public void RepeatedNamesAreHarmless()
    {
        Assert.True(KeyScopeNames.TryParse(["query", "query"], out var scopes, out _));

        Assert.Equal(KeyScopes.Query, scopes);
    }

    [Fact]
    public void NoNamesIsNoScope()
    {
        Assert.True(KeyScopeNames.TryParse([], out var scopes, out var unknown));

        Assert.Equal(KeyScopes.None, scopes);
        Assert.Null(unknown);
    }

    [Theory]
    [InlineData("write")]
    [InlineData("")]
    [InlineData("ingest,query")]
    public void UnknownNameFailsAndIsReported(string name)
    {
        Assert.False(KeyScopeNames.TryParse(["ingest", name], out _, out var unknown));

        Assert.Equal(name, unknown);
    }

    [Theory]
    [InlineData(KeyScopes.Ingest)]
    [InlineData(KeyScopes.Query | KeyScopes.Admin)]
    [InlineData(KeyScopes.All)]
    public void NamesRoundTrip(KeyScopes scopes)
    {
        Assert.True(KeyScopeNames.TryParse(scopes.ToNames(), out var parsed, out _));

        Assert.Equal(scopes, parsed);
    }

    [Fact]
    public void PrincipalCanOnlyWhatItsScopesAllow()
    {
        var principal = new Principal("acme", "key:key_1", (KeyScopes.Ingest | KeyScopes.Query).ToPermissions());

        Assert.True(principal.Can(Permissions.IngestWrite));
        Assert.True(principal.Can(Permissions.MetricsRead | Permissions.LogsRead | Permissions.TracesRead));
        Assert.False(principal.Can(Permissions.AlertsManage));
        Assert.False(principal.Can(Permissions.TenantsManage));
        Assert.False(principal.Can(Permissions.All));
    }

    [Fact]
    public void TheAdminScopeManagesButNeitherWritesNorReadsTelemetryAndAllScopesGrantEverything()
    {
        Assert.True(new Principal("acme", "key:a", KeyScopes.Admin.ToPermissions()).Can(Permissions.TenantsManage | Permissions.UsersManage | Permissions.AuditRead));
        Assert.Equal(Permissions.None, KeyScopes.Admin.ToPermissions() & (Permissions.IngestWrite | Permissions.MetricsRead));
        Assert.Equal(Permissions.All, KeyScopes.All.ToPermissions());
    }
}
