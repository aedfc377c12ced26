namespace OllyStack.Alerting.Rules.Status;

/// <summary>What the engine knows of a group: how long its last evaluation took, and when it was.</summary>
/// <param name="LastEvaluation">Null before the first evaluation.</param>
public sealed record RuleGroupStatus(TimeSpan EvaluationTime, DateTimeOffset? LastEvaluation);
