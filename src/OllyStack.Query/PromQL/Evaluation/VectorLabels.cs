namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// The label sets PromQL's vector operations derive from their inputs' — aggregation groups, match signatures, the
/// result of a matched pair — shared by the query engine and the streaming rule engine so both group and match alike.
/// </summary>
public static class VectorLabels
{
    /// <summary>An aggregation's group: <c>by</c> keeps only the listed labels; <c>without</c> drops them and the metric name.</summary>
    public static Labels GroupingKey(Labels labels, IReadOnlyCollection<string> grouping, bool without) =>
        without ? labels.Remove(grouping).WithoutMetricName() : labels.Keep(grouping);

    /// <summary>The key two series are matched on: the <c>on</c> labels, or all but the <c>ignoring</c> labels and the metric name.</summary>
    public static Labels MatchSignature(Labels labels, VectorMatching matching) =>
        matching.On
            ? labels.Keep(matching.MatchingLabels)
            : labels.Remove(matching.MatchingLabels).WithoutMetricName();

    /// <summary>
    /// The labels of a matched pair's result: the "many" side's labels (the left side for one-to-one), reduced to the
    /// <c>on</c> labels or stripped of the <c>ignoring</c> labels for one-to-one, plus the <c>group_x(...)</c> labels
    /// copied from the "one" side.
    /// </summary>
    public static Labels ResultLabels(Labels manyLabels, Labels oneLabels, VectorMatching matching, bool dropName)
    {
        var labels = dropName ? manyLabels.WithoutMetricName() : manyLabels;
        if (matching.Cardinality == MatchingCardinality.OneToOne)
            labels = matching.On ? labels.Keep(matching.MatchingLabels) : labels.Remove(matching.MatchingLabels);
        foreach (var name in matching.Include) labels = labels.With(name, oneLabels.Get(name));
        return labels;
    }
}
