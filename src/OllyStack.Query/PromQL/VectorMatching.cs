namespace OllyStack.Query.PromQL;

/// <summary>
/// How the series of two instant vectors are paired: on the labels in <see cref="MatchingLabels"/> (<c>on</c>) or on
/// all labels but them (<c>ignoring</c>, also the default with an empty list), with <see cref="Include"/> naming the
/// labels <c>group_left</c>/<c>group_right</c> copy from the "one" side.
/// </summary>
public sealed record VectorMatching(
    MatchingCardinality Cardinality,
    ValueList<string> MatchingLabels,
    bool On,
    ValueList<string> Include)
{
    /// <summary>The matching of a vector operation written without modifiers.</summary>
    public static VectorMatching Default(BinaryOp op) => new(
        op.IsSetOperator() ? MatchingCardinality.ManyToMany : MatchingCardinality.OneToOne,
        ValueList<string>.Empty,
        On: false,
        ValueList<string>.Empty);
}
