using Microsoft.Extensions.Time.Testing;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;
using OllyStack.Pipeline.Quotas;

namespace OllyStack.Pipeline.Tests;

public sealed class TenantQuotaTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));

    private static TenantPolicy Policy(string tenant = "acme", long eventsPerSecond = 1_000_000, long bytesPerDay = long.MaxValue / 4,
        long bytesPerMonth = long.MaxValue / 4, long storage = long.MaxValue, decimal overage = 0) =>
        new(tenant, "startup", false, eventsPerSecond, bytesPerDay, bytesPerMonth, storage, 7, 1.0, Features.All, overage);

    [Fact]
    public void TheEventRateAllowsOneSecondOfEventsThenRefusesNamingTheLimitAndWhenToRetry()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(eventsPerSecond: 100);

        Assert.Null(quotas.TryTake(policy, 60, 1));
        Assert.Null(quotas.TryTake(policy, 40, 1));
        var refused = quotas.TryTake(policy, 10, 1);

        Assert.NotNull(refused);
        Assert.Equal(IngestStatus.Throttled, refused.Value.Status);
        Assert.Contains("max_events_per_second = 100", refused.Value.Message);
        Assert.Contains("plan 'startup'", refused.Value.Message);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Value.RetryAfter);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Null(quotas.TryTake(policy, 10, 1));
        Assert.NotNull(quotas.TryTake(policy, 1, 1));
    }

    [Fact]
    public void ABatchLargerThanOneSecondOfEventsPassesOnlyWhenTheBucketIsFull()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(eventsPerSecond: 100);

        Assert.Null(quotas.TryTake(policy, 250, 1));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(quotas.TryTake(policy, 250, 1));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(quotas.TryTake(policy, 250, 1));
    }

    [Fact]
    public void TheDailyQuotaIsExactAndResetsAtUtcMidnight()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(bytesPerDay: 1_000);

        Assert.Null(quotas.TryTake(policy, 1, 600));
        Assert.Null(quotas.TryTake(policy, 1, 400));
        var refused = quotas.TryTake(policy, 1, 1);

        Assert.NotNull(refused);
        Assert.Contains("daily byte quota (max_bytes_per_day = 1000 bytes", refused.Value.Message);
        Assert.Contains("resets at 2026-11-25T00:00:00Z", refused.Value.Message);
        Assert.Equal(TimeSpan.FromHours(2), refused.Value.RetryAfter);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(quotas.TryTake(policy, 1, 1_000));
    }

    [Fact]
    public void TheMonthlyQuotaResetsOnTheFirstOfTheNextMonth()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(bytesPerMonth: 500);

        Assert.Null(quotas.TryTake(policy, 1, 500));
        var refused = quotas.TryTake(policy, 1, 1);

        Assert.NotNull(refused);
        Assert.Contains("monthly byte quota (max_bytes_per_month = 500 bytes", refused.Value.Message);
        Assert.Contains("resets at 2026-12-01T00:00:00Z", refused.Value.Message);
    }

    [Fact]
    public void WithAnOverageRateTheByteQuotasAreSoft()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(bytesPerDay: 100, overage: 0.25m);

        Assert.Null(quotas.TryTake(policy, 1, 1_000));
        Assert.Null(quotas.TryTake(policy, 1, 1_000));
    }

    [Fact]
    public void ARestartedServerStartsFromWhatTheMeterSaysWasTaken()
    {
        var quotas = new TenantQuotas(_clock, (tenant, _) => tenant == "acme" ? (900, 900) : (0, 0));

        Assert.NotNull(quotas.TryTake(Policy(bytesPerDay: 1_000), 1, 200));
        Assert.Null(quotas.TryTake(Policy(tenant: "globex", bytesPerDay: 1_000), 1, 200));
    }

    [Fact]
    public void AFullStorageQuotaRefusesUntilRetentionFreesSpace()
    {
        long stored = 5_000;
        var quotas = new TenantQuotas(_clock, storedBytes: _ => stored);
        var policy = Policy(storage: 5_000);

        var refused = quotas.TryTake(policy, 1, 1);
        stored = 4_000;

        Assert.NotNull(refused);
        Assert.Contains("storage quota (max_storage_bytes = 5000 bytes, 5000 stored", refused.Value.Message);
        Assert.Null(quotas.TryTake(policy, 1, 1));
    }

    [Fact]
    public void AChangedRateAppliesAtOnce()
    {
        var quotas = new TenantQuotas(_clock);
        Assert.Null(quotas.TryTake(Policy(eventsPerSecond: 10), 10, 1));
        Assert.NotNull(quotas.TryTake(Policy(eventsPerSecond: 10), 1, 1));

        Assert.Null(quotas.TryTake(Policy(eventsPerSecond: 1_000), 500, 1));
        Assert.Null(quotas.TryTake(Policy(eventsPerSecond: 5), 5, 1));
        Assert.NotNull(quotas.TryTake(Policy(eventsPerSecond: 5), 1, 1));
    }

    [Fact]
    public void ReturnedBatchesGiveBackTheirEventsAndBytes()
    {
        var quotas = new TenantQuotas(_clock);
        var policy = Policy(eventsPerSecond: 10, bytesPerDay: 100);
        Assert.Null(quotas.TryTake(policy, 10, 100));

        quotas.Return("acme", 10, 100);

        Assert.Null(quotas.TryTake(policy, 10, 100));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ManyParallelClientsNeverGetMoreThanTheQuotaPlusOneBatch(bool limitEvents)
    {
        var quotas = new TenantQuotas(_clock);
        var policy = limitEvents ? Policy(eventsPerSecond: 10_000) : Policy(bytesPerDay: 1_000_000);
        long acceptedEvents = 0, acceptedBytes = 0;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(client => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var (events, bytes) = (7 + client % 5, 333 + client);
                if (quotas.TryTake(policy, events, bytes) is null)
                {
                    Interlocked.Add(ref acceptedEvents, events);
                    Interlocked.Add(ref acceptedBytes, bytes);
                }
            }
        })));

        // 32 clients x 500 batches offer about 144,000 events and 5.6 MB: far more than either limit.
        if (limitEvents) Assert.InRange(acceptedEvents, 10_000 - 11, 10_000);
        else Assert.InRange(acceptedBytes, 1_000_000 - 364, 1_000_000);
    }

    [Fact]
    public async Task ATenantAtItsLimitDoesNotTakeAnotherTenantsAllowance()
    {
        var quotas = new TenantQuotas(_clock);
        var flooder = Policy(tenant: "flood", eventsPerSecond: 100);
        var quiet = Policy(tenant: "quiet", eventsPerSecond: 100);
        var quietAccepted = 0;

        await Task.WhenAll(
            Task.Run(() =>
            {
                for (var i = 0; i < 100_000; i++) quotas.TryTake(flooder, 10, 100);
            }),
            Task.Run(() =>
            {
                for (var i = 0; i < 10; i++)
                    if (quotas.TryTake(quiet, 10, 100) is null) quietAccepted++;
            }));

        Assert.Equal(10, quietAccepted);
    }
}
