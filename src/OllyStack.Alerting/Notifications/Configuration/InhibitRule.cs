using OllyStack.Alerting.Notifications.Matching;

namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>
/// Mutes alerts matching <paramref name="Target"/> while an alert matching <paramref name="Source"/> fires with the same
/// values (absent counts as empty) for every label in <paramref name="Equal"/>.
/// </summary>
public sealed record InhibitRule(Matchers Source, Matchers Target, IReadOnlyList<string> Equal);
