namespace OllyStack.Query.LogQL.Syntax;

/// <summary>How a numeric, duration or size label filter compares the label with its literal.</summary>
public enum ComparisonOp
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

internal static class ComparisonOps
{
    public static string Symbol(this ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "==",
        ComparisonOp.NotEqual => "!=",
        ComparisonOp.Greater => ">",
        ComparisonOp.GreaterOrEqual => ">=",
        ComparisonOp.Less => "<",
        _ => "<=",
    };

    public static bool Compare(this ComparisonOp op, double left, double right) => op switch
    {
        ComparisonOp.Equal => left == right,
        ComparisonOp.NotEqual => left != right,
        ComparisonOp.Greater => left > right,
        ComparisonOp.GreaterOrEqual => left >= right,
        ComparisonOp.Less => left < right,
        _ => left <= right,
    };
}
