using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Metering;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Pipeline.Quotas;

namespace OllyStack.Pipeline.Tests;

/// <summary>
/// A pipeline over a real control plane and a real write-ahead log, both in a directory of their own that is deleted
/// when the test ends. Tenants are created on first use with the enterprise plan unless a test creates them itself.
/// </summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    public static readonly AuditActor Operator = new("key:test", ControlPlaneService.OperatorTenant, null);

    private readonly SqliteControlPlaneStore _store;

    private readonly TimeProvider _clock;

    private PipelineFixture(string root, SqliteControlPlaneStore store, ControlPlaneService controlPlane, WriteAheadLog log, TimeProvider clock)
    {
        Root = root;
        _store = store;
        _clock = clock;
        ControlPlane = controlPlane;
        Meter = new UsageMeter(store, clock, TimeSpan.FromHours(1));
        Log = log;
        Pipeline = Over(log);
    }

    public UsageMeter Meter { get; }

    public string Root { get; }

    public ControlPlaneService ControlPlane { get; }

    public WriteAheadLog Log { get; }

    public IngestPipeline Pipeline { get; }

    public static PipelineFixture Create(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var root = Path.Combine(Path.GetTempPath(), "ollystack-pipeline-tests", Guid.NewGuid().ToString("N"));
        var store = SqliteControlPlaneStore.Open(Path.Combine(root, "controlplane"));
        var controlPlane = ControlPlaneService.Open(store, clock);
        var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(root, "wal") });
        return new PipelineFixture(root, store, controlPlane, log, clock);
    }

    public Tenant Tenant(string name, string plan = Plans.Enterprise, TenantLimits? overrides = null) =>
        ControlPlane.FindTenant(name) ?? ControlPlane.CreateTenant(name, plan, false, overrides ?? TenantLimits.None, Operator);

    public CreatedApiKey CreateKey(string tenant, KeyScopes scopes)
    {
        Tenant(tenant);
        return ControlPlane.CreateKey(tenant, "collector", scopes, null, Operator);
    }

    /// <summary>A pipeline like <see cref="Pipeline"/> that appends to <paramref name="log"/>.</summary>
    public IngestPipeline Over(IDurableLog log) =>
        new(ControlPlane, ControlPlane, ControlPlane, log, new TenantQuotas(_clock, Meter.AdmittedBytes, Meter.StoredBytes), Meter, _clock);

    public Principal IngestPrincipal(string tenant = "acme") => ControlPlane.Authenticate(CreateKey(tenant, KeyScopes.Ingest).Key)!;

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await Meter.DisposeAsync();
        await ControlPlane.DisposeAsync();
        _store.Dispose();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
