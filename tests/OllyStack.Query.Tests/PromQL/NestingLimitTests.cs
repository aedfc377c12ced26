using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

/// <summary>
/// Deep input must end in a parse error, never a stack overflow (which would end the process). Each test runs on a
/// thread with a 1 MiB stack, smaller than the runtime's default, so passing here leaves a margin in production.
/// </summary>
public sealed class NestingLimitTests
{
    private const int Limit = SyntaxParser.MaxDepth;

    public static TheoryData<string> DeepShapes() =>
    [
        "paren", "call", "aggregation", "unary", "sum-chain", "or-chain", "power", "subquery",
    ];

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void NestingJustUnderTheLimitParsesPrintsAndCompares(string shape)
    {
        OnSmallStack(() =>
        {
            var expr = PromQLParser.Parse(Deep(shape, Limit - 1));

            Assert.Equal(expr, PromQLParser.Parse(expr.ToString()));
            Assert.Equal(expr.GetHashCode(), PromQLParser.Parse(expr.ToString()).GetHashCode());
        });
    }

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void NestingFarBeyondTheLimitIsAParseError(string shape)
    {
        OnSmallStack(() =>
        {
            var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse(Deep(shape, 100_000)));
            Assert.Contains($"nested more than {Limit} levels deep", error.Message);
        });
    }

    [Fact]
    public void ManySignsBeforeANumberAreAParseErrorNotAStackOverflow()
    {
        OnSmallStack(() => Assert.Throws<PromQLParseException>(() => PromQLParser.Parse(new string('-', 100_000) + "1")));
    }

    /// <summary>An expression whose tree (or whose nesting of sub-expressions) is <paramref name="depth"/> levels deep.</summary>
    private static string Deep(string shape, int depth) => shape switch
    {
        "paren" => new string('(', depth - 1) + "foo" + new string(')', depth - 1),
        "call" => Repeat("abs(", depth - 1) + "foo" + new string(')', depth - 1),
        "aggregation" => Repeat("sum(", depth - 1) + "foo" + new string(')', depth - 1),
        "unary" => new string('-', depth - 1) + "foo",
        "sum-chain" => string.Join(" + ", Enumerable.Repeat("foo", depth)),
        "or-chain" => string.Join(" or ", Enumerable.Repeat("foo", depth)),
        "power" => string.Join(" ^ ", Enumerable.Repeat("2", depth)),
        "subquery" => Repeat("min_over_time(", (depth - 1) / 2) + "foo" + Repeat("[5m:])", (depth - 1) / 2),
        _ => throw new ArgumentException(shape),
    };

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static void OnSmallStack(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new AggregateException(failure);
    }
}
