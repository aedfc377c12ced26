namespace OllyStack.Query.LogQL.Syntax;

/// <summary>The binary operators, by precedence from lowest: or; and, unless; comparisons; + -; * / %; ^.</summary>
public enum BinaryOperator
{
    Or,
    And,
    Unless,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Power,
}

internal static class BinaryOperators
{
    public static string Symbol(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Unless => "unless",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => "^",
    };

    public static int Precedence(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => 1,
        BinaryOperator.And or BinaryOperator.Unless => 2,
        BinaryOperator.Add or BinaryOperator.Subtract => 4,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo => 5,
        BinaryOperator.Power => 6,
        _ => 3,
    };

    public static bool IsComparison(this BinaryOperator op) => op.Precedence() == 3;

    public static bool IsSetOperator(this BinaryOperator op) => op.Precedence() <= 2;

    public static bool IsRightAssociative(this BinaryOperator op) => op == BinaryOperator.Power;
}
