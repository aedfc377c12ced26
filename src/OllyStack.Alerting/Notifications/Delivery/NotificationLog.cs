namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>The latest delivery attempts of a tenant, newest last, in a ring of fixed size: memory stays bounded however many are sent.</summary>
public sealed class NotificationLog(int capacity)
{
    private readonly object _gate = new();
    private readonly NotificationAttempt?[] _ring = new NotificationAttempt?[capacity];
    private long _count;

    public void Add(NotificationAttempt attempt)
    {
        lock (_gate) _ring[_count++ % _ring.Length] = attempt;
    }

    /// <summary>The newest attempts first, optionally only those of one receiver or group.</summary>
    public List<NotificationAttempt> Query(string? receiver = null, string? groupKey = null, int limit = int.MaxValue)
    {
        lock (_gate)
        {
            var result = new List<NotificationAttempt>();
            for (var i = _count - 1; i >= Math.Max(0, _count - _ring.Length) && result.Count < limit; i--)
            {
                var attempt = _ring[i % _ring.Length]!;
                if ((receiver is null || attempt.Receiver == receiver) && (groupKey is null || attempt.GroupKey == groupKey)) result.Add(attempt);
            }
            return result;
        }
    }
}
