namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>
/// One queue per group and integration, each worked by its own task, so a slow or failing receiver delays only its
/// own notifications and never the caller. A queue holds at most one waiting notification: a newer one for the same
/// group replaces it (it carries the group's current state), and cuts short the backoff of one being retried.
/// </summary>
internal sealed class DeliveryQueues(TimeProvider time, RetryPolicy retry, NotificationLog log) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _workers = [];
    private int _pending;

    /// <summary>Deliveries queued or under way; zero when every notification handed over has arrived or been given up.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(string key, QueuedNotification delivery)
    {
        QueuedNotification? replaced;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested) return;
            if (!_queues.TryGetValue(key, out var queue)) _queues[key] = queue = new Queue();
            replaced = queue.Waiting;
            queue.Waiting = delivery;
            if (replaced is null) _pending++;
            queue.CutBackoff?.Cancel();
            if (!queue.Running)
            {
                queue.Running = true;
                _workers.RemoveAll(w => w.IsCompleted);
                _workers.Add(Task.Run(() => WorkAsync(key, queue)));
            }
        }
        replaced?.Completed(false);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] workers;
        lock (_gate)
        {
            _stopping.Cancel();
            workers = [.. _workers];
        }
        await Task.WhenAll(workers);
        _stopping.Dispose();
    }

    private async Task WorkAsync(string key, Queue queue)
    {
        while (true)
        {
            QueuedNotification delivery;
            CancellationTokenSource cutBackoff;
            lock (_gate)
            {
                if (queue.Waiting is null || _stopping.IsCancellationRequested)
                {
                    queue.Running = false;
                    if (queue.Waiting is null) _queues.Remove(key);
                    return;
                }
                delivery = queue.Waiting;
                queue.Waiting = null;
                queue.CutBackoff = cutBackoff = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            }
            var delivered = await DeliverAsync(delivery, cutBackoff.Token);
            lock (_gate) queue.CutBackoff = null;
            cutBackoff.Dispose();
            delivery.Completed(delivered);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task<bool> DeliverAsync(QueuedNotification delivery, CancellationToken cutBackoff)
    {
        var giveUpAt = time.GetUtcNow() + delivery.GroupInterval;
        for (var attempt = 1; ; attempt++)
        {
            var error = await TryAsync(delivery);
            var now = time.GetUtcNow();
            if (error is null)
            {
                Log(delivery, now, attempt, null, willRetry: false);
                return true;
            }
            var delay = retry.DelayAfter(attempt);
            var willRetry = error.Retryable && now + delay <= giveUpAt && !cutBackoff.IsCancellationRequested;
            if (!willRetry)
            {
                Log(delivery, now, attempt, error.Message, willRetry: false);
                return false;
            }
            // The wait is registered before the attempt is logged: whoever reads the log and then moves the clock
            // (a test's fake clock) cannot move it before the wait exists.
            var wait = Task.Delay(delay, time, cutBackoff);
            Log(delivery, now, attempt, error.Message, willRetry: true);
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private async Task<DeliveryException?> TryAsync(QueuedNotification delivery)
    {
        try
        {
            await delivery.Integration.SendAsync(delivery.Notification, delivery.GroupInterval, _stopping.Token);
            return null;
        }
        catch (DeliveryException e)
        {
            return e;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return new DeliveryException("shutting down", retryable: false);
        }
        catch (Exception e)
        {
            // An integration's own defect must not end the queue's worker.
            return new DeliveryException($"{e.GetType().Name}: {e.Message}", retryable: true);
        }
    }

    private void Log(QueuedNotification delivery, DateTimeOffset now, int attempt, string? error, bool willRetry) => log.Add(new NotificationAttempt(
        now, delivery.Tenant, delivery.Integration.Receiver, delivery.Integration.Name, delivery.Notification.GroupKey,
        delivery.Notification.Alerts.Count, error is null, error, attempt, willRetry));

    private sealed class Queue
    {
        public QueuedNotification? Waiting;
        public bool Running;
        public CancellationTokenSource? CutBackoff;
    }
}
