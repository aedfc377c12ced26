namespace OllyStack.Query.PromQL;

public enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    And,
    Or,
    Unless,
}

/// <summary>Spelling, precedence and classes of the binary operators, as the PromQL operator reference lists them.</summary>
public static class BinaryOperators
{
    /// <summary>The precedence of the unary operators: between <c>^</c> and <c>* / % atan2</c>.</summary>
    internal const int UnaryPrecedence = 5;

    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Pow => "^",
        BinaryOp.Atan2 => "atan2",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Greater => ">",
        BinaryOp.Less => "<",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        BinaryOp.Unless => "unless",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Higher binds tighter: <c>^</c> 6, <c>* / % atan2</c> 5, <c>+ -</c> 4, comparisons 3, <c>and unless</c> 2, <c>or</c> 1.</summary>
    public static int Precedence(this BinaryOp op) => op switch
    {
        BinaryOp.Pow => 6,
        BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Atan2 => 5,
        BinaryOp.Add or BinaryOp.Sub => 4,
        BinaryOp.And or BinaryOp.Unless => 2,
        BinaryOp.Or => 1,
        _ => 3,
    };

    /// <summary>Only <c>^</c> groups to the right: <c>2 ^ 3 ^ 2</c> is <c>2 ^ (3 ^ 2)</c>.</summary>
    public static bool IsRightAssociative(this BinaryOp op) => op == BinaryOp.Pow;

    public static bool IsComparison(this BinaryOp op) => op is BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.Greater
        or BinaryOp.Less or BinaryOp.GreaterOrEqual or BinaryOp.LessOrEqual;

    public static bool IsSetOperator(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Unless;
}
