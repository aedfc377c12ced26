using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.Tests.LogQL;

public sealed class LogQLParseErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("# only a comment")]
    public void InputWithoutAnExpressionIsAnError(string query)
    {
        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse(query));

        Assert.Equal("1:1: parse error: no expression found in input", error.Message);
    }

    [Fact]
    public void ErrorSpanCoversTheOffendingToken()
    {
        const string query = "{app=\"api\"} | status > \"x\"";
        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse(query));

        Assert.Equal(">", query.Substring(error.Position, error.Length));
    }

    [Fact]
    public void ErrorOnALaterLineNamesThatLineAndColumn()
    {
        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse("sum(\n  count_over_time({app=\"api\"})\n)"));

        Assert.Equal((2, 30), (error.Line, error.Column));
        Assert.Equal("2:30: parse error: " + error.Reason, error.Message);
    }

    [Fact]
    public void BadRegexInAStringIsReportedAtThatString()
    {
        const string query = "{app=\"api\"} |~ \"a(\"";
        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse(query));

        Assert.Equal("\"a(\"", query.Substring(error.Position, error.Length));
    }

    [Fact]
    public void DeeplyNestedQueryIsAnErrorNotAStackOverflow()
    {
        var query = new string('(', 10_000) + "1" + new string(')', 10_000);

        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse(query));

        Assert.Contains("nested", error.Message);
    }

    [Fact]
    public void PrintedTreeOfAParsedQueryParsesToTheSameText()
    {
        const string query = "sum by (path) (quantile_over_time(0.9, {app=\"api\"} |= \"GET\" | json | status>=500 and latency>1s | unwrap duration(latency) | __error__=\"\" [5m] offset 1m) by (path)) / 2";

        var printed = LogQLParser.Parse(query).ToString();

        Assert.Equal(query, printed);
    }
}
