namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// How sum, min and max fold one more value into a group's running value (min and max start from NaN, which any
/// number replaces), as the query engine and the streaming rule engine both fold.
/// </summary>
public static class AggregationFold
{
    public static double Fold(AggregationOp op, double accumulated, double value) => op switch
    {
        AggregationOp.Sum => accumulated + value,
        AggregationOp.Min => value < accumulated || double.IsNaN(accumulated) ? value : accumulated,
        AggregationOp.Max => value > accumulated || double.IsNaN(accumulated) ? value : accumulated,
        _ => accumulated,
    };
}
