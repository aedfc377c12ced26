namespace OllyStack.Query.LogQL.Syntax;

/// <summary>The vector aggregations, named as in LogQL.</summary>
public enum VectorOp
{
    Sum,
    Avg,
    Min,
    Max,
    Count,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    Sort,
    SortDesc,
}

internal static class VectorOps
{
    private static readonly Dictionary<string, VectorOp> ByName = new(StringComparer.Ordinal)
    {
        ["sum"] = VectorOp.Sum,
        ["avg"] = VectorOp.Avg,
        ["min"] = VectorOp.Min,
        ["max"] = VectorOp.Max,
        ["count"] = VectorOp.Count,
        ["stddev"] = VectorOp.Stddev,
        ["stdvar"] = VectorOp.Stdvar,
        ["topk"] = VectorOp.Topk,
        ["bottomk"] = VectorOp.Bottomk,
        ["sort"] = VectorOp.Sort,
        ["sort_desc"] = VectorOp.SortDesc,
    };

    private static readonly Dictionary<VectorOp, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out VectorOp op) => ByName.TryGetValue(name, out op);

    public static string Name(this VectorOp op) => Names[op];

    public static bool TakesParameter(this VectorOp op) => op is VectorOp.Topk or VectorOp.Bottomk;
}
