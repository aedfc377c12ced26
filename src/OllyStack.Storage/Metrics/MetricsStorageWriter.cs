using System.Diagnostics.Metrics;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// Consumes the metrics topic of the durable log (consumer group <see cref="Group"/>) into the tenants' heads, and
/// flushes the heads to parts when the store says so. The group's offset is committed only after a flush made
/// everything below it durable in parts, so a restart replays exactly the log tail the heads held.
/// <see cref="WaitUntilAppliedAsync"/> lets callers wait until an offset they know of is queryable.
/// </summary>
public sealed class MetricsStorageWriter : IAsyncDisposable
{
    public const string Group = "metrics-store";
    private const int ReadBatch = 256;

    /// <summary>While samples wait in the heads, reading gives up this often to see whether a flush is due.</summary>
    private static readonly TimeSpan FlushCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly Meter Meter = new("OllyStack.Storage");
    private static readonly Counter<long> Samples = Meter.CreateCounter<long>("ollystack.storage.samples", description: "Samples applied to the metric heads, by outcome.");
    private static readonly Counter<long> NewSeries = Meter.CreateCounter<long>("ollystack.storage.series.created", description: "Series created in the metric heads.");
    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>("ollystack.storage.flushes", description: "Flushes of the metric heads to parts.");
    private readonly ILogConsumer _consumer;
    private readonly MetricsStore _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Meter _meter;
    private readonly Task _loop;
    private long _appliedEnd;
    private TaskCompletionSource _progress = NewProgress();

    public MetricsStorageWriter(IDurableLog log, MetricsStore store)
    {
        _store = store;
        // The writer's own meter, so the gauge (and its hold on the log) goes away with the writer.
        _meter = new Meter("OllyStack.Storage");
        _meter.CreateObservableGauge("ollystack.storage.lag.records", () => log.GetEndOffset(LogTopics.Metrics) - AppliedEnd,
            description: "Durable metric records the storage writer has not applied yet.");
        _consumer = log.OpenConsumer(LogTopics.Metrics, Group);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Why the writer stopped applying the log, if it did (the server then reports itself not ready).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Everything below this offset of the metrics topic is in the heads.</summary>
    public long AppliedEnd => Interlocked.Read(ref _appliedEnd);

    /// <summary>Completes once every record below <paramref name="endOffset"/> is applied.</summary>
    public async Task WaitUntilAppliedAsync(long endOffset, CancellationToken cancellationToken)
    {
        while (AppliedEnd < endOffset)
        {
            if (Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            var progress = Volatile.Read(ref _progress).Task;
            if (AppliedEnd >= endOffset) return;
            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception) when (Failure is not null)
        {
            // Already recorded and reported through readiness; stopping must not fail because of it.
        }
        // A clean stop leaves nothing to replay.
        if (Failure is null) await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        _meter.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await ApplyAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Failure = error;
            Volatile.Read(ref _progress).TrySetException(error);
            throw;
        }
    }

    private async Task ApplyAsync()
    {
        using var batch = new MetricBatch();
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            if (_store.FlushDue(sinceFlush.Elapsed))
            {
                await FlushAsync(_stop.Token).ConfigureAwait(false);
                sinceFlush.Restart();
            }
            foreach (var record in await ReadAsync().ConfigureAwait(false))
            {
                BatchCodec.Read(record.Payload.Span, batch);
                Account(_store.For(batch.Tenant).Head.Append(batch), batch.Tenant);
                Interlocked.Exchange(ref _appliedEnd, record.Offset + 1);
            }
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }

    /// <summary>The next records; none if samples wait in the heads and nothing arrived for a while.</summary>
    private async ValueTask<IReadOnlyList<ConsumedRecord>> ReadAsync()
    {
        if (_store.HeadSamples == 0) return await _consumer.ReadAsync(ReadBatch, _stop.Token).ConfigureAwait(false);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        idle.CancelAfter(FlushCheckInterval);
        try
        {
            return await _consumer.ReadAsync(ReadBatch, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            return [];
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var appliedEnd = AppliedEnd;
        _store.Flush();
        if (appliedEnd > _consumer.CommittedOffset) await _consumer.CommitAsync(appliedEnd, cancellationToken).ConfigureAwait(false);
        Flushes.Add(1);
    }

    private static void Account(HeadAppendStats stats, string tenant)
    {
        Add("appended", stats.Appended, tenant);
        Add("out_of_order", stats.OutOfOrder, tenant);
        Add("deduplicated", stats.Deduplicated, tenant);
        Add("too_old", stats.TooOld, tenant);
        if (stats.NewSeries > 0) NewSeries.Add(stats.NewSeries, new KeyValuePair<string, object?>("tenant", tenant));
    }

    private static void Add(string outcome, long count, string tenant)
    {
        if (count > 0) Samples.Add(count, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("outcome", outcome));
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
