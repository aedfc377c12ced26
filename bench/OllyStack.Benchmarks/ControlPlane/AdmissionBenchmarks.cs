using BenchmarkDotNet.Attributes;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Metering;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Tenancy;
using OllyStack.Log;
using OllyStack.Pipeline;
using OllyStack.Pipeline.Quotas;

namespace OllyStack.Benchmarks.ControlPlane;

/// <summary>
/// What the control plane costs an ingest request, per batch: finding the key's principal and checking the tenant's
/// policy (<see cref="IngestPipeline.Admit"/>), the quota decision (event rate, daily and monthly bytes, storage) and the
/// meter's two counts. 1,000 tenants with a key each, with limits no run reaches, so every decision passes and takes
/// the full path. "Allocated" must be 0 B.
/// </summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private string _directory = "";
    private SqliteControlPlaneStore _store = null!;
    private ControlPlaneService _controlPlane = null!;
    private UsageMeter _meter = null!;
    private WriteAheadLog _log = null!;
    private IngestPipeline _pipeline = null!;
    private TenantQuotas _quotas = null!;
    private TenantPolicy _policy = null!;
    private string _key = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("ollystack-admission-bench-").FullName;
        _store = SqliteControlPlaneStore.Open(_directory);
        _controlPlane = ControlPlaneService.Open(_store);
        var actor = new AuditActor("bench", ControlPlaneService.OperatorTenant, null);
        for (var i = 0; i < 1_000; i++)
        {
            var tenant = $"tenant-{i:D4}";
            // Limits no benchmark run reaches, so every decision passes and takes the full path.
            var unreachable = new TenantLimits(MaxEventsPerSecond: 1_000_000_000_000_000, MaxBytesPerDay: 1_000_000_000_000_000_000, MaxBytesPerMonth: 1_000_000_000_000_000_000);
            _controlPlane.CreateTenant(tenant, Plans.Enterprise, false, unreachable, actor);
            var key = _controlPlane.CreateKey(tenant, "collector", KeyScopes.Ingest, null, actor).Key;
            if (i == 500) _key = key;
        }
        _meter = new UsageMeter(_store, TimeProvider.System, TimeSpan.FromHours(1));
        _quotas = new TenantQuotas(TimeProvider.System, _meter.AdmittedBytes, _meter.StoredBytes);
        _log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal") });
        _pipeline = new IngestPipeline(_controlPlane, _controlPlane, _controlPlane, _log, _quotas, _meter, TimeProvider.System);
        _policy = _controlPlane.Find("tenant-0500")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _meter.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _controlPlane.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>API key hash, principal lookup, suspension and feature checks.</summary>
    [Benchmark]
    public AdmissionResult Admit() => _pipeline.Admit(_key, Signal.Logs);

    /// <summary>Policy lookup, token bucket, day and month byte counters, storage quota.</summary>
    [Benchmark]
    public bool Quota() => _quotas.TryTake(_controlPlane.Find(_policy.Tenant)!, 100, 10_000) is null;

    /// <summary>The two meter counts of an accepted batch (received, accepted).</summary>
    [Benchmark]
    public void Meter()
    {
        _meter.Add(_policy.Tenant, UsageKind.Received, 100, 10_000);
        _meter.Add(_policy.Tenant, UsageKind.Accepted, 100, 10_000);
    }
}
