using OllyStack.Alerting.Notifications.Matching;

namespace OllyStack.Alerting.Tests.Notifications;

public sealed class MatcherParserTests
{
    [Theory]
    [InlineData("severity=~\"crit|warn\"", "severity", MatcherType.Regex, "crit|warn")]
    [InlineData("alertname = Watchdog", "alertname", MatcherType.Equal, "Watchdog")]
    [InlineData("env!=prod", "env", MatcherType.NotEqual, "prod")]
    [InlineData("{job!~\"api.*\"}", "job", MatcherType.NotRegex, "api.*")]
    [InlineData("\"service.name\"=\"a \\\"b\\\"\"", "service.name", MatcherType.Equal, "a \"b\"")]
    public void OneMatcherIsRead(string text, string name, MatcherType type, string value)
    {
        var matcher = Assert.Single(MatcherParser.Parse(text));

        Assert.Equal((name, type, value), (matcher.Name, matcher.Type, matcher.Value));
    }

    [Fact]
    public void SeveralMatchersAreSeparatedByCommasInsideOrOutsideBraces()
    {
        Assert.Equal(3, MatcherParser.Parse("{a=\"1,2\", b=~x, c!=\"\"}").Count);
        Assert.Equal(2, MatcherParser.Parse("a=1,b=2").Count);
    }

    [Fact]
    public void RegularExpressionsMatchWholeValues()
    {
        var matcher = Assert.Single(MatcherParser.Parse("severity=~\"crit|warn\""));

        Assert.True(matcher.Matches("warn"));
        Assert.False(matcher.Matches("warning"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("=b")]
    [InlineData("{a=b")]
    [InlineData("a=\"b")]
    [InlineData("a=~\"(\"")]
    public void MalformedMatchersAreRefused(string text)
    {
        Assert.Throws<FormatException>(() => MatcherParser.Parse(text));
    }
}
