using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Engine;

/// <summary>A sample rules write back as a series: a recording rule's result, or <c>ALERTS</c> / <c>ALERTS_FOR_STATE</c>.</summary>
/// <param name="Labels">The series, <c>__name__</c> included.</param>
public readonly record struct RuleSample(Labels Labels, long TimestampMs, double Value);
