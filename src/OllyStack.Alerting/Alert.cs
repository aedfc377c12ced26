using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting;

/// <summary>
/// An alert as rules hand it to notifications, in Alertmanager's model: its identity is its label set; it fires from
/// <see cref="StartsAt"/> and is resolved once <see cref="EndsAt"/> has passed (null while it still fires).
/// </summary>
/// <param name="GeneratorUrl">Where a person sees the expression that produced it.</param>
public sealed record Alert(Labels Labels, Labels Annotations, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string GeneratorUrl)
{
    /// <summary>Identifies the alert across evaluations and notifications (<see cref="AlertFingerprint"/>).</summary>
    public ulong Fingerprint { get; } = AlertFingerprint.Of(Labels);

    public bool IsResolvedAt(DateTimeOffset now) => EndsAt is { } end && end <= now;
}
