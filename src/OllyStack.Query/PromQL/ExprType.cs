namespace OllyStack.Query.PromQL;

/// <summary>What a PromQL expression evaluates to; the parser checks operands and arguments against it.</summary>
public enum ExprType
{
    Scalar,
    InstantVector,
    RangeVector,
    String,
}

public static class ExprTypeNames
{
    /// <summary>The name the Prometheus documentation uses, as it appears in error messages ("instant vector").</summary>
    public static string Describe(this ExprType type) => type switch
    {
        ExprType.Scalar => "scalar",
        ExprType.InstantVector => "instant vector",
        ExprType.RangeVector => "range vector",
        ExprType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
