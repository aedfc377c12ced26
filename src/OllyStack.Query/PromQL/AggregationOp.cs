namespace OllyStack.Query.PromQL;

public enum AggregationOp
{
    Sum,
    Avg,
    Count,
    Min,
    Max,
    Group,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    CountValues,
    Quantile,
}

/// <summary>Spelling and parameter of the aggregation operators.</summary>
public static class AggregationOperators
{
    private static readonly Dictionary<string, AggregationOp> ByName =
        Enum.GetValues<AggregationOp>().ToDictionary(Name, StringComparer.OrdinalIgnoreCase);

    public static string Name(this AggregationOp op) => op == AggregationOp.CountValues ? "count_values" : op.ToString().ToLowerInvariant();

    /// <summary>Aggregation keywords are case-insensitive, as all PromQL keywords are.</summary>
    public static bool TryParse(string name, out AggregationOp op) => ByName.TryGetValue(name, out op);

    /// <summary>The type of the leading parameter (<c>topk(3, ...)</c>, <c>count_values("value", ...)</c>), or null if the operator takes none.</summary>
    public static ExprType? ParameterType(this AggregationOp op) => op switch
    {
        AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile => ExprType.Scalar,
        AggregationOp.CountValues => ExprType.String,
        _ => null,
    };
}
