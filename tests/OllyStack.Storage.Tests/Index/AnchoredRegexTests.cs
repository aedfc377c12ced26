using OllyStack.Storage.Index;

namespace OllyStack.Storage.Tests.Index;

public sealed class AnchoredRegexTests
{
    [Theory]
    [InlineData("api", "api", true)]
    [InlineData("api", "api\n", false)]
    [InlineData("api", "xapi", false)]
    [InlineData("a|b", "b", true)]
    [InlineData("node-00[0-4].*", "node-0042.prod:9100", true)]
    [InlineData("node-00[0-4].*", "node-0052.prod:9100", false)]
    public void APatternMustMatchTheWholeValue(string pattern, string value, bool matches) =>
        Assert.Equal(matches, new LabelMatcher(LabelMatchType.Regex, "instance", pattern).Matches(value));

    [Fact]
    public void EveryQueryWithAPatternSharesOneBuiltRegex() =>
        Assert.Same(AnchoredRegex.For("nvme.*"), AnchoredRegex.For("nvme.*"));

    [Fact]
    public void AnInvalidPatternIsRefusedNamingTheMatcher()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelMatcher(LabelMatchType.Regex, "job", "a(b"));

        Assert.Contains("invalid regular expression in job=~\"a(b\"", error.Message);
    }
}
