using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// A label set derived from each input label set — a match signature, an operator's result labels — remembered per
/// input instance (the stream hands a node the same instances evaluation after evaluation), so a series seen before
/// costs a lookup, not a new label set; forgotten wholesale once series churn has grown it.
/// </summary>
internal sealed class DerivedLabels(Func<Labels, Labels> derive)
{
    private const int MaxRemembered = 1 << 16;

    private readonly Dictionary<Labels, Labels> _derived = new(ReferenceEqualityComparer.Instance);

    /// <summary>What two series are matched on: the <c>on</c> labels, or all but the <c>ignoring</c> labels and the metric name.</summary>
    public static DerivedLabels Signature(VectorMatching matching) => new(labels =>
        matching.On ? labels.Keep(matching.MatchingLabels) : labels.Remove(matching.MatchingLabels).WithoutMetricName());

    public Labels Of(Labels labels)
    {
        if (_derived.TryGetValue(labels, out var derived)) return derived;
        if (_derived.Count >= MaxRemembered) _derived.Clear();
        derived = derive(labels);
        _derived[labels] = derived;
        return derived;
    }
}
