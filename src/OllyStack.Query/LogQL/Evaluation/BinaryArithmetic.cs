using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>One binary operator on two numbers, as Prometheus computes it: <c>%</c> keeps the dividend's sign, comparisons give 1 or 0.</summary>
internal static class BinaryArithmetic
{
    public static double Apply(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => left + right,
        BinaryOperator.Subtract => left - right,
        BinaryOperator.Multiply => left * right,
        BinaryOperator.Divide => left / right,
        BinaryOperator.Modulo => left % right,
        BinaryOperator.Power => Math.Pow(left, right),
        BinaryOperator.Equal => left == right ? 1 : 0,
        BinaryOperator.NotEqual => left != right ? 1 : 0,
        BinaryOperator.Greater => left > right ? 1 : 0,
        BinaryOperator.GreaterOrEqual => left >= right ? 1 : 0,
        BinaryOperator.Less => left < right ? 1 : 0,
        BinaryOperator.LessOrEqual => left <= right ? 1 : 0,
        _ => throw new ArgumentException($"{op} is not arithmetic", nameof(op)),
    };
}
