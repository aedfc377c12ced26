using System.Threading.Channels;
using OllyStack.ControlPlane.Store;

namespace OllyStack.ControlPlane.Audit;

/// <summary>
/// Writes audit entries that accompany no change (logins, denied requests) in the background, many per transaction,
/// so a burst of refused requests costs one synchronous commit per batch instead of one each. When the queue is
/// full, callers wait: refused requests slow down rather than go unrecorded.
/// </summary>
public sealed class AuditQueue : IAsyncDisposable
{
    private const int Capacity = 10_000;
    private const int MaxBatch = 1_000;
    private const int Attempts = 50;

    private readonly Channel<Item> _queue =
        Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IControlPlaneStore _store;
    private readonly Task _writing;

    public AuditQueue(IControlPlaneStore store)
    {
        _store = store;
        _writing = Task.Run(WriteAsync);
    }

    /// <summary>The last failure to write; set while the store refuses (entries are retried for a few seconds).</summary>
    public Exception? Failure { get; private set; }

    public ValueTask EnqueueAsync(AuditEvent audit, DateTimeOffset time) => _queue.Writer.WriteAsync(new Item(audit, time, null));

    /// <summary>Completes once everything enqueued before the call is written.</summary>
    public async Task FlushAsync()
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Item(null, default, written));
        await written.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(AuditEvent Event, DateTimeOffset Time)>();
        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Flushed is not null) flushes.Add(item.Flushed);
                else batch.Add((item.Event!, item.Time));
            }
            await WriteWithRetryAsync(batch).ConfigureAwait(false);
            batch.Clear();
            foreach (var flushed in flushes) flushed.SetResult();
            flushes.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<(AuditEvent Event, DateTimeOffset Time)> batch)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _store.Append(batch);
                Failure = null;
                return;
            }
            catch (Exception e) when (attempt < Attempts)
            {
                Failure = e;
                await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Failure = e;
                return;
            }
        }
    }

    private readonly record struct Item(AuditEvent? Event, DateTimeOffset Time, TaskCompletionSource? Flushed);
}
