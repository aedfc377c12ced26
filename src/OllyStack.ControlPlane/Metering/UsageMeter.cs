using System.Collections.Concurrent;
using OllyStack.ControlPlane.Store;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Metering;

/// <summary>
/// Counts each tenant's usage per UTC hour in memory and adds it to the usage store every few seconds and on
/// shutdown; reads flush first, so they include everything counted so far. A crash loses at most the last interval's
/// counts (the telemetry itself is in the durable log).
/// </summary>
public sealed class UsageMeter : IUsageMeter, IAsyncDisposable
{
    private const long HourMs = 3_600_000;

    private readonly ConcurrentDictionary<(string Tenant, long Hour), UsageCell> _cells = new();
    private readonly ConcurrentDictionary<string, long> _stored = new(StringComparer.Ordinal);
    private readonly IUsageStore _store;
    private readonly TimeProvider _clock;
    private readonly Lock _flushLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushing;
    private List<((string Tenant, long Hour) Key, UsageCell Cell)> _retired = [];
    private List<UsageHour> _unsaved = [];

    public UsageMeter(IUsageStore store, TimeProvider clock, TimeSpan flushInterval)
    {
        _store = store;
        _clock = clock;
        _flushing = FlushPeriodicallyAsync(flushInterval, _stopping.Token);
    }

    public void Add(string tenant, UsageKind kind, long events, long bytes) => Cell(tenant).Add(kind, events, bytes);

    /// <summary>Records what the tenant has stored per tier now (a measurement, kept as the hour's latest).</summary>
    public void SetStored(string tenant, long hot, long warm, long cold)
    {
        Cell(tenant).SetStored(hot, warm, cold);
        _stored[tenant] = hot + warm + cold;
    }

    /// <summary>The tenant's footprint at the latest measurement; 0 before the first.</summary>
    public long StoredBytes(string tenant) => _stored.GetValueOrDefault(tenant);

    public IReadOnlyList<UsageHour> Read(string? tenant, DateTimeOffset from, DateTimeOffset to)
    {
        Flush();
        return _store.ReadUsage(tenant, from, to);
    }

    /// <summary>
    /// Bytes the tenant's quotas admitted (received and not rejected) since the start of the UTC day and of the UTC
    /// month of <paramref name="now"/>: where a restarted server's quota counters start.
    /// </summary>
    public (long Day, long Month) AdmittedBytes(string tenant, DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var hours = Read(tenant, month, now.AddHours(1));
        return (hours.Where(h => h.Hour >= day).Sum(h => h.ReceivedBytes - h.RejectedBytes), hours.Sum(h => h.ReceivedBytes - h.RejectedBytes));
    }

    /// <summary>Adds everything counted so far to the store.</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            var currentHour = _clock.GetUtcNow().ToUnixTimeMilliseconds() / HourMs;
            // Cells of past hours are retired for one more flush before they are dropped: a thread that looked one up
            // just before the hour turned may still add to it.
            var retiring = _cells.Where(c => c.Key.Hour < currentHour).ToList();
            foreach (var (key, _) in retiring) _cells.TryRemove(key, out _);
            var deltas = _unsaved;
            foreach (var (key, cell) in _cells.Select(c => (c.Key, c.Value)).Concat(retiring.Select(c => (c.Key, c.Value))).Concat(_retired))
                if (cell.Take(key.Tenant, DateTimeOffset.FromUnixTimeMilliseconds(key.Hour * HourMs)) is { } delta) deltas.Add(delta);
            _retired = retiring.Select(c => (c.Key, c.Value)).ToList();
            // Taken counts are kept until the store has them, so a failed write is retried by the next flush.
            _unsaved = deltas;
            _store.AddUsage(deltas);
            _unsaved = [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _flushing;
        _stopping.Dispose();
        Flush();
    }

    private UsageCell Cell(string tenant)
    {
        var key = (tenant, _clock.GetUtcNow().ToUnixTimeMilliseconds() / HourMs);
        return _cells.TryGetValue(key, out var cell) ? cell : _cells.GetOrAdd(key, _ => new UsageCell());
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    Flush();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store refused (disk full, locked): the counts wait in _unsaved for the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
