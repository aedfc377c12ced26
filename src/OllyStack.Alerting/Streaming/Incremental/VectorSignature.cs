using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>What two series are matched on: the <c>on</c> labels, or all but the <c>ignoring</c> labels and the metric name.</summary>
internal static class VectorSignature
{
    public static Labels Of(Labels labels, VectorMatching matching) =>
        matching.On ? labels.Keep(matching.MatchingLabels) : labels.Remove(matching.MatchingLabels).WithoutMetricName();
}
