using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

/// <summary>Trees built in code (by rewrites, later) have no ParenExpr; printing must still keep their meaning.</summary>
public sealed class HandBuiltTreePrintingTests
{
    private static readonly VectorSelector A = new("a", []);
    private static readonly VectorSelector B = new("b", []);
    private static readonly VectorSelector C = new("c", []);

    public static TheoryData<Expr, string> Trees() => new()
    {
        { new BinaryExpr(BinaryOp.Mul, new BinaryExpr(BinaryOp.Add, A, B), C), "(a + b) * c" },
        { new BinaryExpr(BinaryOp.Sub, A, new BinaryExpr(BinaryOp.Sub, B, C)), "a - (b - c)" },
        { new BinaryExpr(BinaryOp.Sub, new BinaryExpr(BinaryOp.Sub, A, B), C), "a - b - c" },
        { new BinaryExpr(BinaryOp.Pow, new BinaryExpr(BinaryOp.Pow, A, B), C), "(a ^ b) ^ c" },
        { new BinaryExpr(BinaryOp.Pow, A, new BinaryExpr(BinaryOp.Pow, B, C)), "a ^ b ^ c" },
        { new BinaryExpr(BinaryOp.Pow, new UnaryExpr(UnaryOp.Minus, A), B), "(-a) ^ b" },
        { new BinaryExpr(BinaryOp.Pow, new NumberLiteral(-2), new NumberLiteral(2)), "(-2) ^ 2" },
        { new BinaryExpr(BinaryOp.And, new BinaryExpr(BinaryOp.Or, A, B), C), "(a or b) and c" },
        { new UnaryExpr(UnaryOp.Minus, new BinaryExpr(BinaryOp.Add, A, B)), "-(a + b)" },
        { new UnaryExpr(UnaryOp.Minus, new BinaryExpr(BinaryOp.Pow, A, B)), "-a ^ b" },
        { new SubqueryExpr(new BinaryExpr(BinaryOp.Add, A, B), TimeSpan.FromMinutes(5), null), "(a + b)[5m:]" },
        { new VectorSelector("on", []), "{__name__=\"on\"}" },
        { new VectorSelector("1abc", [new LabelMatcher("a", LabelMatchType.Equal, "b")]), "{a=\"b\",__name__=\"1abc\"}" },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void PrintingAddsParenthesesOnlyWherePrecedenceNeedsThem(Expr tree, string expected)
    {
        Assert.Equal(expected, tree.ToString());
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void PrintedTreeParsesToTheSameGrouping(Expr tree, string printed)
    {
        Assert.Equal(Unparenthesized(TreeShape.Of(tree)), Unparenthesized(TreeShape.Of(PromQLParser.Parse(printed))));
    }

    /// <summary>The shape with (paren x) nodes unwrapped, so a printed-then-parsed tree compares with the original.</summary>
    private static string Unparenthesized(string shape)
    {
        while (shape.IndexOf("(paren ", StringComparison.Ordinal) is var at and >= 0)
        {
            var depth = 0;
            var end = at;
            for (; end < shape.Length; end++)
            {
                if (shape[end] == '(') depth++;
                else if (shape[end] == ')' && --depth == 0) break;
            }
            shape = shape[..at] + shape[(at + "(paren ".Length)..end] + shape[(end + 1)..];
        }
        return shape;
    }
}
