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

    /// <summary>What two series are matched on (<see cref="VectorLabels.MatchSignature"/>).</summary>
    public static DerivedLabels Signature(VectorMatching matching) => new(labels => VectorLabels.MatchSignature(labels, matching));

    public Labels Of(Labels labels)
    {
        if (_derived.TryGetValue(labels, out var derived)) return derived;
        if (_derived.Count >= MaxRemembered) _derived.Clear();
        derived = derive(labels);
        _derived[labels] = derived;
        return derived;
    }
}
