using System.Text.Json;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tests;

public sealed class TenantTests : IAsyncLifetime
{
    private const long GB = 1_000_000_000;
    private readonly ControlPlaneFixture _fixture = new();

    private ControlPlaneService Service => _fixture.Service;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Theory]
    [InlineData(Plans.Free, 100, 1 * GB, 1, 0.01, "metrics,logs,traces")]
    [InlineData(Plans.Startup, 1_000, 10 * GB, 7, 0.10, "metrics,logs,traces,ml")]
    [InlineData(Plans.Enterprise, 1_000_000, 10_000 * GB, 90, 1.0, "metrics,logs,traces,ml")]
    public void EachPlanHasTheFoundingDefaults(string plan, long eventsPerSecond, long bytesPerDay, int retentionDays, double sampling, string features)
    {
        var tenant = Service.CreateTenant("acme", plan, false, TenantLimits.None, ControlPlaneFixture.Operator);

        var policy = Service.Find("acme")!;
        Assert.Equal(plan, tenant.Plan);
        Assert.Equal((eventsPerSecond, bytesPerDay, retentionDays, sampling), (policy.MaxEventsPerSecond, policy.MaxBytesPerDay, policy.RetentionDays, policy.SamplingRate));
        Assert.Equal(30 * bytesPerDay, policy.MaxBytesPerMonth);
        Assert.Equal(features, string.Join(",", policy.AllowedFeatures.ToNames()));
    }

    [Fact]
    public void OverridesReplaceOnlyTheFieldsTheyGiveAndSurviveAPlanChange()
    {
        Service.CreateTenant("acme", Plans.Free, false, new TenantLimits(MaxEventsPerSecond: 500), ControlPlaneFixture.Operator);

        var changed = Service.UpdateTenant("acme", t => t with { Plan = Plans.Startup }, ControlPlaneFixture.Operator);

        var policy = Service.Find("acme")!;
        Assert.Equal(500, policy.MaxEventsPerSecond);
        Assert.Equal(10 * GB, policy.MaxBytesPerDay);
        Assert.Equal([TenantLimitNames.MaxEventsPerSecond], changed.Overrides.SetFields());
    }

    [Fact]
    public void APatchSetsClearsAndKeepsFieldsAsItsJsonSays()
    {
        Service.CreateTenant("acme", Plans.Free, false, new TenantLimits(MaxEventsPerSecond: 500, RetentionDays: 3), ControlPlaneFixture.Operator);
        using var body = JsonDocument.Parse("""{"plan":"startup","limits":{"max_events_per_second":null,"sampling_rate":0.5,"allowed_features":["metrics"]}}""");

        var after = Service.UpdateTenant("acme", TenantRequest.ReadChange("acme", body.RootElement), ControlPlaneFixture.Operator);

        Assert.Equal(new TenantLimits(RetentionDays: 3, SamplingRate: 0.5, AllowedFeatures: Features.Metrics), after.Overrides);
        Assert.Equal(1_000, after.Policy().MaxEventsPerSecond);
        Assert.False(after.Suspended);
    }

    [Theory]
    [InlineData("""{"name":"acme","colour":"red"}""", "unknown field 'colour'")]
    [InlineData("""{"name":"acme","plan":"gold"}""", "unknown plan 'gold'")]
    [InlineData("""{"name":"acme","limits":{"max_events":5}}""", "unknown limit 'max_events'")]
    [InlineData("""{"name":"acme","limits":{"max_events_per_second":0}}""", "limits.max_events_per_second must be a positive integer")]
    [InlineData("""{"name":"acme","limits":{"max_bytes_per_day":"lots"}}""", "limits.max_bytes_per_day must be an integer")]
    [InlineData("""{"name":"acme","limits":{"sampling_rate":1.5}}""", "limits.sampling_rate must be above 0 and at most 1")]
    [InlineData("""{"name":"acme","limits":{"retention_days":0}}""", "limits.retention_days must be 1 to 3650 days")]
    [InlineData("""{"name":"acme","limits":{"allowed_features":["logs","video"]}}""", "unknown feature 'video'")]
    [InlineData("""{"name":"acme","limits":{"overage_rate":-1}}""", "limits.overage_rate must be 0")]
    [InlineData("""{"name":"Acme Corp"}""", "tenant name 'Acme Corp' is invalid")]
    [InlineData("""{"plan":"free"}""", "name is required")]
    [InlineData("""{"name":"acme","suspended":"yes"}""", "suspended must be true or false")]
    public void BadTenantsAreRefusedWithAMessageNamingTheProblemAndNothingChanges(string json, string message)
    {
        using var body = JsonDocument.Parse(json);

        var error = Assert.Throws<ControlPlaneException>(() =>
        {
            var (name, plan, suspended, overrides) = TenantRequest.ReadCreate(body.RootElement);
            Service.CreateTenant(name, plan, suspended, overrides, ControlPlaneFixture.Operator);
        });

        Assert.Equal(ControlPlaneError.Invalid, error.Error);
        Assert.Contains(message, error.Message);
        Assert.Equal(["default"], Service.Tenants.Select(t => t.Name));
    }

    [Fact]
    public void ATenantNameIsTakenOnce()
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);

        var error = Assert.Throws<ControlPlaneException>(() => Service.CreateTenant("acme", Plans.Startup, false, TenantLimits.None, ControlPlaneFixture.Operator));

        Assert.Equal(ControlPlaneError.Conflict, error.Error);
        Assert.Equal(Plans.Free, Service.FindTenant("acme")!.Plan);
    }

    [Fact]
    public void TheOperatorTenantExistsFromTheStartAndCanBeNeitherSuspendedNorDeleted()
    {
        Assert.Equal(Plans.Enterprise, Service.FindTenant("default")!.Plan);

        Assert.Equal(ControlPlaneError.Conflict, Assert.Throws<ControlPlaneException>(() =>
            Service.UpdateTenant("default", t => t with { Suspended = true }, ControlPlaneFixture.Operator)).Error);
        Assert.Equal(ControlPlaneError.Conflict, Assert.Throws<ControlPlaneException>(() =>
            Service.DeleteTenant("default", ControlPlaneFixture.Operator)).Error);
        Assert.False(Service.Find("default")!.Suspended);
    }

    [Fact]
    public void SuspendingATenantPublishesItInItsPolicyAtOnce()
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        var before = Service.Find("acme");

        Service.UpdateTenant("acme", t => t with { Suspended = true }, ControlPlaneFixture.Operator, "tenant.suspend");

        Assert.True(Service.Find("acme")!.Suspended);
        Assert.NotSame(before, Service.Find("acme"));
    }

    [Fact]
    public void DeletingATenantRemovesItsKeys()
    {
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        var key = Service.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);

        Service.DeleteTenant("acme", ControlPlaneFixture.Operator);

        Assert.Null(Service.FindTenant("acme"));
        Assert.Null(Service.Find("acme"));
        Assert.Null(Service.Authenticate(key.Key));
        Assert.Empty(Service.Keys("acme"));
    }

    [Fact]
    public async Task AnotherNodeOnTheSameStoreSeesChangesWhenItRefreshes()
    {
        using var otherStore = SqliteControlPlaneStore.Open(_fixture.DataPath);
        await using var other = ControlPlaneService.Open(otherStore, _fixture.Clock, TimeSpan.FromHours(1));
        Service.CreateTenant("acme", Plans.Free, false, TenantLimits.None, ControlPlaneFixture.Operator);
        var key = Service.CreateKey("acme", "collector", KeyScopes.Ingest, null, ControlPlaneFixture.Operator);
        Assert.Null(other.Find("acme"));

        await other.RefreshAsync();
        Assert.NotNull(other.Authenticate(key.Key));
        Service.UpdateTenant("acme", t => t with { Suspended = true }, ControlPlaneFixture.Operator);
        await other.RefreshAsync();

        Assert.True(other.Find("acme")!.Suspended);
    }

    [Fact]
    public async Task TenantsAndTheirOverridesSurviveARestart()
    {
        Service.CreateTenant("acme", Plans.Startup, true, new TenantLimits(SamplingRate: 0.25, OverageRate: 0.5m), ControlPlaneFixture.Operator);

        await _fixture.ReopenAsync();

        var tenant = Service.FindTenant("acme")!;
        Assert.Equal((Plans.Startup, true), (tenant.Plan, tenant.Suspended));
        Assert.Equal(new TenantLimits(SamplingRate: 0.25, OverageRate: 0.5m), tenant.Overrides);
    }

    [Fact]
    public void TheTenantResourceShowsEveryLimitAndWhichAreOverridden()
    {
        var tenant = Service.CreateTenant("acme", Plans.Free, false, new TenantLimits(MaxEventsPerSecond: 250), ControlPlaneFixture.Operator);

        using var json = JsonDocument.Parse(TenantJson.ToJson(tenant));

        var root = json.RootElement;
        Assert.Equal("acme", root.GetProperty("name").GetString());
        Assert.Equal("free", root.GetProperty("plan").GetString());
        Assert.False(root.GetProperty("suspended").GetBoolean());
        Assert.Equal(TenantLimitNames.All, root.GetProperty("limits").EnumerateObject().Select(p => p.Name));
        Assert.Equal(250, root.GetProperty("limits").GetProperty("max_events_per_second").GetInt64());
        Assert.Equal(["max_events_per_second"], root.GetProperty("overridden_limits").EnumerateArray().Select(e => e.GetString()));
    }
}
