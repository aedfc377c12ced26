using OllyStack.Core.Durability;

namespace OllyStack.Log.Tests;

public sealed class BackpressureTests : IDisposable
{
    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task AppendsBeyondMaxQueuedBytesFailWithLogOverloaded()
    {
        await using var log = wal.Open(maxQueuedBytes: 16 * 1024);

        // Appends issued back to back queue far faster than fsync drains them, so the 16 KiB budget runs out.
        var appends = Enumerable.Range(0, 2000).Select(i => log.AppendAsync("logs", TemporaryWal.Payload(i, 1024)).AsTask()).ToList();
        var outcomes = await Task.WhenAll(appends.Select(async append =>
        {
            try
            {
                return (Offset: await append, Refusal: (LogOverloadedException?)null);
            }
            catch (LogOverloadedException refusal)
            {
                return (Offset: -1L, Refusal: refusal);
            }
        }));

        var refusals = outcomes.Where(o => o.Refusal is not null).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Refusal!.RetryAfter));
        var accepted = outcomes.Where(o => o.Refusal is null).Select(o => o.Offset).ToList();
        Assert.Equal(Enumerable.Range(0, accepted.Count).Select(i => (long)i), accepted.Order());
        Assert.Equal(accepted.Count, log.GetEndOffset("logs"));
    }

    [Fact]
    public async Task RecordLargerThanTheQueueLimitIsAcceptedWhenNothingWaits()
    {
        await using var log = wal.Open(maxQueuedBytes: 1024);

        Assert.Equal(0, await log.AppendAsync("logs", new byte[4096]));
    }
}
