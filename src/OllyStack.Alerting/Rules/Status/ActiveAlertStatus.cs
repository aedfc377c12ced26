using OllyStack.Alerting.Evaluation;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Status;

/// <summary>One pending or firing alert of an alerting rule, as the rules API lists it.</summary>
/// <param name="Labels">The alert's labels: the sample's, the rule's (rendered) and <c>alertname</c>.</param>
/// <param name="Annotations">The rule's annotations rendered for this alert.</param>
/// <param name="ActiveAt">When the alert's condition first held.</param>
/// <param name="KeepFiringSince">When its condition stopped holding while <c>keep_firing_for</c> keeps it firing.</param>
/// <param name="Value">The sample value of the last evaluation.</param>
public sealed record ActiveAlertStatus(Labels Labels, Labels Annotations, AlertState State, DateTimeOffset ActiveAt, DateTimeOffset? KeepFiringSince, double Value);
