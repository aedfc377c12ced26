namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>The value semantics of PromQL's arithmetic and comparison operators on two floats.</summary>
public static class BinaryArithmetic
{
    /// <summary>The result of <c>lhs op rhs</c>; for comparisons, 1 or 0.</summary>
    public static double Apply(BinaryOp op, double lhs, double rhs) => op switch
    {
        BinaryOp.Add => lhs + rhs,
        BinaryOp.Sub => lhs - rhs,
        BinaryOp.Mul => lhs * rhs,
        BinaryOp.Div => lhs / rhs,
        // Go's math.Mod: the sign of the dividend, NaN for a zero divisor; .NET's % agrees.
        BinaryOp.Mod => lhs % rhs,
        BinaryOp.Pow => Math.Pow(lhs, rhs),
        BinaryOp.Atan2 => Math.Atan2(lhs, rhs),
        BinaryOp.Equal => lhs == rhs ? 1 : 0,
        BinaryOp.NotEqual => lhs != rhs ? 1 : 0,
        BinaryOp.Greater => lhs > rhs ? 1 : 0,
        BinaryOp.Less => lhs < rhs ? 1 : 0,
        BinaryOp.GreaterOrEqual => lhs >= rhs ? 1 : 0,
        BinaryOp.LessOrEqual => lhs <= rhs ? 1 : 0,
        _ => throw new PromQLEvaluationException($"operator \"{op.Symbol()}\" is not allowed here"),
    };

    /// <summary>
    /// Arithmetic and <c>bool</c> comparisons change what a value means, so the metric name goes; Prometheus 2.x
    /// keeps it for <c>atan2</c> and for filtering comparisons.
    /// </summary>
    public static bool DropsMetricName(BinaryOp op, bool returnBool) =>
        returnBool || op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow;
}
