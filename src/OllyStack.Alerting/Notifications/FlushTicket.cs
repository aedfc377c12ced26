namespace OllyStack.Alerting.Notifications;

/// <summary>
/// Counts the integrations one flush handed notifications to. When all of them have delivered, the resolved alerts
/// the flush carried are dropped from the group, as Alertmanager does after a successful flush; if any failed they stay
/// for the next one.
/// </summary>
internal sealed class FlushTicket(AggregationGroup group, IReadOnlyList<StoredAlert> resolved, int integrations)
{
    private int _remaining = integrations;
    private bool _failed;

    public AggregationGroup Group { get; } = group;

    public IReadOnlyList<StoredAlert> Resolved { get; } = resolved;

    /// <summary>True once the last integration has reported and every one delivered.</summary>
    public bool Complete(bool delivered)
    {
        _failed |= !delivered;
        return --_remaining == 0 && !_failed;
    }
}
