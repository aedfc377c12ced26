using OllyStack.ControlPlane.Tenants;

namespace OllyStack.ControlPlane.Tests;

/// <summary>Tests over a fresh control plane in which tenant <c>acme</c> exists on the startup plan.</summary>
public abstract class AcmeTenantTests : IAsyncLifetime
{
    protected const string Password = "correct horse battery staple";

    private protected ControlPlaneFixture Fixture { get; } = new();

    protected ControlPlaneService Service => Fixture.Service;

    public virtual Task InitializeAsync()
    {
        Service.CreateTenant("acme", Plans.Startup, false, TenantLimits.None, ControlPlaneFixture.Operator);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Fixture.DisposeAsync().AsTask();
}
