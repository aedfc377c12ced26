namespace OllyStack.Query.LogQL.Syntax;

/// <summary>The range aggregations, named as in LogQL.</summary>
public enum RangeOp
{
    Rate,
    CountOverTime,
    BytesOverTime,
    BytesRate,
    AbsentOverTime,
    SumOverTime,
    AvgOverTime,
    MinOverTime,
    MaxOverTime,
    StddevOverTime,
    StdvarOverTime,
    QuantileOverTime,
    FirstOverTime,
    LastOverTime,
}

internal static class RangeOps
{
    private static readonly Dictionary<string, RangeOp> ByName = new(StringComparer.Ordinal)
    {
        ["rate"] = RangeOp.Rate,
        ["count_over_time"] = RangeOp.CountOverTime,
        ["bytes_over_time"] = RangeOp.BytesOverTime,
        ["bytes_rate"] = RangeOp.BytesRate,
        ["absent_over_time"] = RangeOp.AbsentOverTime,
        ["sum_over_time"] = RangeOp.SumOverTime,
        ["avg_over_time"] = RangeOp.AvgOverTime,
        ["min_over_time"] = RangeOp.MinOverTime,
        ["max_over_time"] = RangeOp.MaxOverTime,
        ["stddev_over_time"] = RangeOp.StddevOverTime,
        ["stdvar_over_time"] = RangeOp.StdvarOverTime,
        ["quantile_over_time"] = RangeOp.QuantileOverTime,
        ["first_over_time"] = RangeOp.FirstOverTime,
        ["last_over_time"] = RangeOp.LastOverTime,
    };

    private static readonly Dictionary<RangeOp, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out RangeOp op) => ByName.TryGetValue(name, out op);

    public static string Name(this RangeOp op) => Names[op];

    /// <summary>Whether the aggregation reads an unwrapped value; <c>rate</c> works either way.</summary>
    public static bool AllowsUnwrap(this RangeOp op) =>
        op is not (RangeOp.CountOverTime or RangeOp.BytesOverTime or RangeOp.BytesRate or RangeOp.AbsentOverTime);

    public static bool RequiresUnwrap(this RangeOp op) => op.AllowsUnwrap() && op != RangeOp.Rate;

    /// <summary>Loki allows <c>by</c>/<c>without</c> on the aggregations of unwrapped values only (and <c>rate</c>).</summary>
    public static bool AllowsGrouping(this RangeOp op) => op.AllowsUnwrap();
}
