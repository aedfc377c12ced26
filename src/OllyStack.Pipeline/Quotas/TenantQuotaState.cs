using System.Globalization;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.Pipeline.Quotas;

/// <summary>
/// One tenant's running counters: a token bucket for events per second (one second of burst) and the bytes taken
/// this UTC day and month. Decisions take the tenant's own lock, so they are exact under any number of concurrent
/// clients, and tenants never wait for each other.
/// </summary>
internal sealed class TenantQuotaState
{
    private readonly Lock _lock = new();
    private TenantPolicy? _policy;
    private double _tokens;
    private long _refilledAtMs;
    private long _day;
    private long _dayBytes;
    private int _month;
    private long _monthBytes;

    public TenantQuotaState(long dayBytes, long monthBytes, DateTimeOffset now)
    {
        _day = DayOf(now);
        _month = MonthOf(now);
        _dayBytes = dayBytes;
        _monthBytes = monthBytes;
    }

    /// <summary>
    /// Takes <paramref name="events"/> and <paramref name="bytes"/> from the tenant's allowances, or none of them and
    /// says which limit refused and when to retry. A batch larger than one second of events passes when the bucket
    /// is full, leaving it in debt, so the accepted total exceeds the rate by at most one batch.
    /// </summary>
    public IngestResult? TryTake(TenantPolicy policy, long events, long bytes, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        lock (_lock)
        {
            Refill(policy, nowMs);
            Roll(now);
            if (policy.ByteQuotasAreHard)
            {
                if (_dayBytes + bytes > policy.MaxBytesPerDay) return DayQuotaExceeded(policy, now);
                if (_monthBytes + bytes > policy.MaxBytesPerMonth) return MonthQuotaExceeded(policy, now);
            }
            var needed = Math.Min(events, policy.MaxEventsPerSecond);
            if (_tokens < needed) return RateExceeded(policy, needed - _tokens);
            _tokens -= events;
            _dayBytes += bytes;
            _monthBytes += bytes;
            return null;
        }
    }

    /// <summary>Gives back what a batch took when it could not be made durable after all.</summary>
    public void Return(long events, long bytes)
    {
        lock (_lock)
        {
            _tokens = Math.Min(_tokens + events, _policy?.MaxEventsPerSecond ?? 0);
            _dayBytes -= bytes;
            _monthBytes -= bytes;
        }
    }

    private void Refill(TenantPolicy policy, long nowMs)
    {
        if (_policy is null)
        {
            _tokens = policy.MaxEventsPerSecond;
            _policy = policy;
            _refilledAtMs = nowMs;
            return;
        }
        var elapsedMs = nowMs - _refilledAtMs;
        if (elapsedMs > 0)
        {
            _tokens = Math.Min(_policy.MaxEventsPerSecond, _tokens + elapsedMs * _policy.MaxEventsPerSecond / 1000.0);
            _refilledAtMs = nowMs;
        }
        if (ReferenceEquals(policy, _policy)) return;
        // A changed rate applies at once: a raised one adds its extra second of burst, a lowered one caps the bucket.
        var raised = policy.MaxEventsPerSecond - _policy.MaxEventsPerSecond;
        _tokens = raised > 0 ? _tokens + raised : Math.Min(_tokens, policy.MaxEventsPerSecond);
        _policy = policy;
    }

    private void Roll(DateTimeOffset now)
    {
        var day = DayOf(now);
        if (day != _day)
        {
            _day = day;
            _dayBytes = 0;
        }
        var month = MonthOf(now);
        if (month != _month)
        {
            _month = month;
            _monthBytes = 0;
        }
    }

    private static IngestResult DayQuotaExceeded(TenantPolicy policy, DateTimeOffset now)
    {
        var reset = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return Exceeded(policy, "daily byte quota", "max_bytes_per_day", policy.MaxBytesPerDay, reset, now);
    }

    private static IngestResult MonthQuotaExceeded(TenantPolicy policy, DateTimeOffset now)
    {
        var reset = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return Exceeded(policy, "monthly byte quota", "max_bytes_per_month", policy.MaxBytesPerMonth, reset, now);
    }

    private static IngestResult Exceeded(TenantPolicy policy, string what, string limit, long value, DateTimeOffset reset, DateTimeOffset now) =>
        IngestResult.Throttle(
            $"tenant '{policy.Tenant}' is over its {what} ({limit} = {value.ToString(CultureInfo.InvariantCulture)} bytes, plan '{policy.Plan}'); it resets at {reset:yyyy-MM-ddTHH:mm:ssZ}",
            reset - now);

    private static IngestResult RateExceeded(TenantPolicy policy, double missing)
    {
        var wait = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(missing / policy.MaxEventsPerSecond)));
        return IngestResult.Throttle(
            $"tenant '{policy.Tenant}' is over its event rate (max_events_per_second = {policy.MaxEventsPerSecond.ToString(CultureInfo.InvariantCulture)}, plan '{policy.Plan}'); retry after {wait.TotalSeconds:0} s",
            wait);
    }

    private static long DayOf(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 86_400_000;

    private static int MonthOf(DateTimeOffset time) => time.Year * 12 + time.Month;
}
