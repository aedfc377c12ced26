using OllyStack.Alerting.Notifications.Matching;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>Mutes the alerts every matcher matches, from <see cref="StartsAt"/> until <see cref="EndsAt"/>.</summary>
public sealed record Silence(
    string Id, IReadOnlyList<Matcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset UpdatedAt,
    string CreatedBy, string Comment)
{
    public SilenceState StateAt(DateTimeOffset now) =>
        EndsAt <= now ? SilenceState.Expired : StartsAt <= now ? SilenceState.Active : SilenceState.Pending;

    public bool Mutes(Labels labels, DateTimeOffset now) =>
        StateAt(now) == SilenceState.Active && Matchers.All(m => m.Matches(labels.Get(m.Name)));
}
