using System.Collections.Concurrent;
using System.Globalization;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.Pipeline.Quotas;

/// <summary>
/// Enforces each tenant's event rate, byte quotas and storage quota at ingest. A tenant's counters start from what the
/// meter says it already took this day and month (<paramref name="taken"/>), so a restart does not hand out a fresh
/// quota; <paramref name="storedBytes"/> is the tenant's latest measured footprint on disk.
/// </summary>
public sealed class TenantQuotas(
    TimeProvider clock, Func<string, DateTimeOffset, (long Day, long Month)>? taken = null, Func<string, long>? storedBytes = null)
{
    private readonly ConcurrentDictionary<string, TenantQuotaState> _tenants = new(StringComparer.Ordinal);

    /// <summary>Null if the batch may pass (its events and bytes are then counted), else the 429 answer saying which limit.</summary>
    public IngestResult? TryTake(TenantPolicy policy, long events, long bytes)
    {
        var now = clock.GetUtcNow();
        if (storedBytes?.Invoke(policy.Tenant) is { } stored && stored >= policy.MaxStorageBytes)
            return IngestResult.Throttle(
                $"tenant '{policy.Tenant}' is over its storage quota (max_storage_bytes = {policy.MaxStorageBytes.ToString(CultureInfo.InvariantCulture)} bytes, " +
                $"{stored.ToString(CultureInfo.InvariantCulture)} stored, plan '{policy.Plan}'); space frees as retention ({policy.RetentionDays} days) removes old data",
                TimeSpan.FromHours(1));
        return State(policy.Tenant, now).TryTake(policy, events, bytes, now);
    }

    /// <summary>Gives back a batch's events and bytes when it could not be made durable.</summary>
    public void Return(string tenant, long events, long bytes)
    {
        if (_tenants.TryGetValue(tenant, out var state)) state.Return(events, bytes);
    }

    private TenantQuotaState State(string tenant, DateTimeOffset now) =>
        _tenants.TryGetValue(tenant, out var state) ? state : Add(tenant, now);

    // Apart from State so that the hit path captures nothing: a lambda over 'now' there would allocate on every call.
    private TenantQuotaState Add(string tenant, DateTimeOffset now)
    {
        var (day, month) = taken?.Invoke(tenant, now) ?? (0, 0);
        return _tenants.GetOrAdd(tenant, static (_, start) => new TenantQuotaState(start.Day, start.Month, start.Now), (Day: day, Month: month, Now: now));
    }
}
