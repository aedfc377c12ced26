using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Evaluation;

/// <summary>One element of an alerting rule's result: the alert's final labels (rule labels and alertname applied), its rendered annotations and value.</summary>
public readonly record struct RuleResult(Labels Labels, Labels Annotations, double Value);
