using OllyStack.Core.Durability;

namespace OllyStack.Storage;

/// <summary>
/// Consumes one topic of the durable log (its own consumer group) into a store's in-memory head and flushes the head
/// to parts when the store says so. The group's offset is committed only after a flush made everything below it
/// durable in parts, so a restart replays exactly the log tail the head held. <see cref="WaitUntilAppliedAsync"/>
/// lets callers wait until an offset they know of is queryable. Subclasses say how a record is applied and when and
/// how the head is flushed; they are called from one thread.
/// </summary>
public abstract class TopicStorageWriter : IAsyncDisposable
{
    private const int ReadBatch = 256;

    /// <summary>While records wait in the head, reading gives up this often to see whether a flush is due.</summary>
    private static readonly TimeSpan FlushCheckInterval = TimeSpan.FromSeconds(1);
    private readonly ILogConsumer _consumer;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _appliedEnd;
    private TaskCompletionSource _progress = NewProgress();

    protected TopicStorageWriter(IDurableLog log, string topic, string group) => _consumer = log.OpenConsumer(topic, group);

    /// <summary>Why the writer stopped applying the log, if it did (the server then reports itself not ready).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Everything below this offset of the topic is in the head.</summary>
    public long AppliedEnd => Interlocked.Read(ref _appliedEnd);

    /// <summary>True while applied records wait in the head for a flush.</summary>
    protected abstract bool HasUnflushed { get; }

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

    public virtual async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_loop is not null) await _loop.ConfigureAwait(false);
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
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts consuming; called by the subclass once it is fully constructed.</summary>
    protected void Start() => _loop = Task.Run(RunAsync);

    /// <summary>
    /// Applies one durable record (a batch) at <paramref name="offset"/> of the topic to the head; a store whose parts
    /// say they already hold it (after a crash between a flush and its commit) skips it.
    /// </summary>
    protected abstract void Apply(long offset, ReadOnlySpan<byte> payload);

    /// <summary>True when the head, last flushed <paramref name="sinceFlush"/> ago, should be flushed now.</summary>
    protected abstract bool FlushDue(TimeSpan sinceFlush);

    /// <summary>Makes everything in the head, all records below <paramref name="appliedEnd"/>, durable in parts.</summary>
    protected abstract void Flush(long appliedEnd);

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
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            if (FlushDue(sinceFlush.Elapsed))
            {
                await FlushAsync(_stop.Token).ConfigureAwait(false);
                sinceFlush.Restart();
            }
            foreach (var record in await ReadAsync().ConfigureAwait(false))
            {
                Apply(record.Offset, record.Payload.Span);
                Interlocked.Exchange(ref _appliedEnd, record.Offset + 1);
            }
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }

    /// <summary>The next records; none if records wait in the head and nothing arrived for a while.</summary>
    private async ValueTask<IReadOnlyList<ConsumedRecord>> ReadAsync()
    {
        if (!HasUnflushed) return await _consumer.ReadAsync(ReadBatch, _stop.Token).ConfigureAwait(false);
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
        Flush(appliedEnd);
        if (appliedEnd > _consumer.CommittedOffset) await _consumer.CommitAsync(appliedEnd, cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
