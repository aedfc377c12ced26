using OllyStack.Alerting.Notifications.Matching;

namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>A silence to create, or (with an id) to change: Alertmanager's postable silence.</summary>
public sealed record SilenceRequest(
    string? Id, IReadOnlyList<Matcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);
