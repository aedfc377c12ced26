using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

public sealed class ParseErrorTests
{
    [Fact]
    public void ErrorOnALaterLineNamesThatLineAndItsColumn()
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse("sum(\n  rate(foo)\n)"));

        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.StartsWith("2:8: parse error: expected type range vector in call to function \"rate\", got instant vector", error.Message);
    }

    [Fact]
    public void ErrorSpanCoversTheOffendingToken()
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse("foo bar"));

        Assert.Equal((4, 3), (error.Position, error.Length));
    }

    [Fact]
    public void ErrorAtEndOfInputPointsJustPastTheLastCharacter()
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse("foo[5m:1m"));

        Assert.Equal((9, 0), (error.Position, error.Length));
        Assert.Equal("1:10: parse error: unexpected end of input in subquery, expected \"]\"", error.Message);
    }

    [Fact]
    public void ReasonIsTheMessageWithoutThePosition()
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse("sum(foo"));

        Assert.Equal("1:8: parse error: " + error.Reason, error.Message);
    }

    [Fact]
    public void TypeErrorSpanCoversTheWholeArgument()
    {
        const string query = "abs(foo[5m] offset 1m)";
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse(query));

        Assert.Equal("foo[5m] offset 1m", query.Substring(error.Position, error.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("# only a comment")]
    public void InputWithoutAnExpressionIsAnError(string query)
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse(query));

        Assert.Equal("1:1: parse error: no expression found in input", error.Message);
    }

    [Fact]
    public void CommentsEndAtTheEndOfTheirLine()
    {
        Assert.Equal("foo + bar", PromQLParser.Parse("foo # the left side\n+ bar # and the right").ToString());
    }

    [Fact]
    public void SyntaxErrorIsReportedBeforeAnEarlierTypeError()
    {
        var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse("rate(foo) + )"));

        Assert.Contains("unexpected \")\"", error.Message);
    }

    [Fact]
    public void ANullQueryIsAProgrammingError()
    {
        Assert.Throws<ArgumentNullException>(() => PromQLParser.Parse(null!));
    }
}
