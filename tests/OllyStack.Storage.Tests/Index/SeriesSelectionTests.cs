using OllyStack.Storage.Index;
using static OllyStack.Storage.Tests.Index.SeriesIndexTests;

namespace OllyStack.Storage.Tests.Index;

/// <summary>Matchers answered from postings agree with evaluating every series, for each operator and the empty-value rules.</summary>
public sealed class SeriesSelectionTests
{
    private readonly SeriesIndex _index = new();
    private readonly List<List<(string Name, string Value)>> _series = [];

    public SeriesSelectionTests()
    {
        Add("__name__=up", "instance=a:9100", "job=node");
        Add("__name__=up", "instance=b:9100", "job=node", "zone=eu");
        Add("__name__=up", "instance=c:8080", "job=api");
        Add("__name__=http_requests_total", "code=200", "job=api", "method=GET");
        Add("__name__=http_requests_total", "code=500", "job=api", "method=POST");
        Add("__name__=build_info", "version=2.42");
    }

    [Theory]
    [InlineData("job", "=", "node", 2)]
    [InlineData("job", "!=", "node", 4)]
    [InlineData("zone", "=", "", 5)]
    [InlineData("zone", "!=", "", 1)]
    [InlineData("job", "=~", "n.*", 2)]
    [InlineData("job", "=~", "node|api", 5)]
    [InlineData("job", "=~", "nod", 0)]
    [InlineData("job", "=~", ".*", 6)]
    [InlineData("job", "=~", ".+", 5)]
    [InlineData("job", "!~", "node|api", 1)]
    [InlineData("job", "!~", ".+", 1)]
    [InlineData("code", "=~", "5..", 1)]
    [InlineData("missing", "=", "", 6)]
    [InlineData("missing", "=", "x", 0)]
    public void OneMatcherSelectsWhatEvaluatingEverySeriesSelects(string name, string op, string value, int expectedCount)
    {
        var matcher = Matcher(name, op, value);

        var selected = _index.Select([matcher]);

        Assert.Equal(expectedCount, selected.Length);
        Assert.Equal(BruteForce([matcher]), selected);
    }

    [Fact]
    public void SeveralMatchersIntersect()
    {
        LabelMatcher[] matchers = [Matcher("__name__", "=", "up"), Matcher("job", "=", "node"), Matcher("zone", "!=", "eu")];

        var selected = _index.Select(matchers);

        Assert.Equal(BruteForce(matchers), selected);
        Assert.Equal([("__name__", "up"), ("instance", "a:9100"), ("job", "node")], _index.LabelStrings(Assert.Single(selected)));
    }

    [Fact]
    public void RandomMatcherCombinationsAgreeWithBruteForce()
    {
        var random = new Random(7);
        string[] names = ["__name__", "job", "zone", "code", "method", "instance", "absent"];
        string[] values = ["up", "node", "api", "eu", "200", "5..", "GET|POST", ".*", "", "a.*", ".+", "x"];
        string[] operators = ["=", "!=", "=~", "!~"];
        for (var round = 0; round < 500; round++)
        {
            var matchers = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Matcher(names[random.Next(names.Length)], operators[random.Next(4)], values[random.Next(values.Length)]))
                .ToList();
            Assert.True(BruteForce(matchers).SequenceEqual(_index.Select(matchers)), string.Join(",", matchers));
        }
    }

    [Fact]
    public void AnInvalidRegexIsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Matcher("job", "=~", "(unclosed"));
        Assert.Contains("job=~\"(unclosed\"", error.Message);
    }

    [Fact]
    public void RegexesAreAnchoredAtBothEnds()
    {
        Assert.True(Matcher("a", "=~", "foo").Matches("foo"));
        Assert.False(Matcher("a", "=~", "foo").Matches("foobar"));
        Assert.False(Matcher("a", "=~", "foo").Matches("xfoo"));
        Assert.True(Matcher("a", "=~", "foo|bar").Matches("bar"));
    }

    private void Add(params string[] pairs)
    {
        var labels = Labels(pairs);
        _series.Add(labels);
        Assert.Equal((uint)(_series.Count - 1), _index.GetOrAdd(labels));
    }

    private uint[] BruteForce(IReadOnlyList<LabelMatcher> matchers) =>
        Enumerable.Range(0, _series.Count)
            .Where(i => matchers.All(m => m.Matches(_series[i].Where(l => l.Name == m.Name).Select(l => l.Value).FirstOrDefault() ?? "")))
            .Select(i => (uint)i)
            .ToArray();

    private static LabelMatcher Matcher(string name, string op, string value) => new(op switch
    {
        "=" => LabelMatchType.Equal,
        "!=" => LabelMatchType.NotEqual,
        "=~" => LabelMatchType.Regex,
        _ => LabelMatchType.NotRegex,
    }, name, value);
}
