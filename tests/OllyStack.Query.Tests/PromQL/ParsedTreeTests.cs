using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

/// <summary>What a parsed tree holds, for the engine that will read it.</summary>
public sealed class ParsedTreeTests
{
    [Fact]
    public void TwoParsesOfTheSameQueryAreEqualAndHashAlike()
    {
        const string query = "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m] offset 1m)) / on (job) group_left () sum by (job) (up)";

        Assert.Equal(PromQLParser.Parse(query), PromQLParser.Parse(query));
        Assert.Equal(PromQLParser.Parse(query).GetHashCode(), PromQLParser.Parse(query).GetHashCode());
    }

    [Theory]
    [InlineData("SUM BY(job)(foo)", "sum by (job) (foo)")]
    [InlineData("sum(foo) by (job)", "sum by (job) (foo)")]
    [InlineData("foo{a='b'}", "foo{a=\"b\"}")]
    [InlineData("foo offset 60m", "foo offset 1h")]
    [InlineData("0x10", "16")]
    public void SpellingsOfTheSameQueryGiveEqualTrees(string one, string other)
    {
        Assert.Equal(PromQLParser.Parse(one), PromQLParser.Parse(other));
    }

    [Theory]
    [InlineData("foo offset 5m", "foo offset 6m")]
    [InlineData("sum by (a) (foo)", "sum without (a) (foo)")]
    [InlineData("-1", "1")]
    [InlineData("-(1)", "-1")]
    [InlineData("{__name__=\"foo\"}", "foo")]
    [InlineData("foo + on () bar", "foo + bar")]
    public void DifferentQueriesGiveDifferentTrees(string one, string other)
    {
        Assert.NotEqual(PromQLParser.Parse(one), PromQLParser.Parse(other));
    }

    [Fact]
    public void SelectorKeepsItsNameApartFromItsMatchers()
    {
        var selector = Assert.IsType<VectorSelector>(PromQLParser.Parse("http_requests_total{job=\"api\", code!~\"2..\"} @ 1500.5 offset -5m"));

        Assert.Equal("http_requests_total", selector.MetricName);
        Assert.Equal([new LabelMatcher("job", LabelMatchType.Equal, "api"), new LabelMatcher("code", LabelMatchType.NotRegex, "2..")], selector.Matchers);
        Assert.Contains(new LabelMatcher("__name__", LabelMatchType.Equal, "http_requests_total"), selector.SeriesMatchers());
        Assert.Equal(1_500_500, selector.At!.TimestampMilliseconds);
        Assert.Equal(TimeSpan.FromMinutes(-5), selector.Offset);
    }

    [Fact]
    public void RangeSelectorKeepsItsModifiersOnItsInnerSelector()
    {
        var matrix = Assert.IsType<MatrixSelector>(PromQLParser.Parse("foo[5m] @ end() offset 1m"));

        Assert.Equal(TimeSpan.FromMinutes(5), matrix.Range);
        Assert.Same(AtModifier.End, matrix.Selector.At);
        Assert.Equal(TimeSpan.FromMinutes(1), matrix.Selector.Offset);
    }

    [Fact]
    public void SubqueryWithoutAStepHasNone()
    {
        var subquery = Assert.IsType<SubqueryExpr>(PromQLParser.Parse("rate(foo[1m])[1h:]"));

        Assert.Equal(TimeSpan.FromHours(1), subquery.Range);
        Assert.Null(subquery.Step);
    }

    [Fact]
    public void VectorOperationsGetOneToOneMatchingAndSetOperationsManyToMany()
    {
        Assert.Equal(VectorMatching.Default(BinaryOp.Add), Binary("foo + bar").Matching);
        Assert.Equal(MatchingCardinality.OneToOne, Binary("foo + bar").Matching!.Cardinality);
        Assert.Equal(MatchingCardinality.ManyToMany, Binary("foo unless bar").Matching!.Cardinality);
    }

    [Fact]
    public void GroupLeftRecordsMatchingAndIncludedLabels()
    {
        var matching = Binary("foo * on (a, b) group_left (c) bar").Matching!;

        Assert.Equal(new VectorMatching(MatchingCardinality.ManyToOne, ["a", "b"], On: true, ["c"]), matching);
    }

    [Theory]
    [InlineData("foo + 1")]
    [InlineData("1 - foo")]
    [InlineData("1 + 2")]
    public void OperationsWithAScalarHaveNoVectorMatching(string query)
    {
        Assert.Null(Binary(query).Matching);
    }

    [Fact]
    public void SignOfANumberIsFoldedIntoTheLiteral()
    {
        Assert.Equal(new NumberLiteral(-1), PromQLParser.Parse("-1"));
        Assert.IsType<UnaryExpr>(PromQLParser.Parse("-(1)"));
    }

    [Fact]
    public void AggregationWithAParameterKeepsItApart()
    {
        var aggregate = Assert.IsType<AggregateExpr>(PromQLParser.Parse("topk without (instance) (3, foo)"));

        Assert.Equal(AggregationOp.Topk, aggregate.Op);
        Assert.Equal(new NumberLiteral(3), aggregate.Param);
        Assert.True(aggregate.Without);
        Assert.Equal(["instance"], aggregate.Grouping);
    }

    private static BinaryExpr Binary(string query) => Assert.IsType<BinaryExpr>(PromQLParser.Parse(query));
}
