namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>A tenant's parsed and validated Alertmanager configuration, with the text it came from.</summary>
public sealed record AlertmanagerConfig(
    GlobalConfig Global, Route Route, IReadOnlyDictionary<string, ReceiverConfig> Receivers, IReadOnlyList<InhibitRule> InhibitRules, string Source);
