using OllyStack.Query.PromQL;
using OllyStack.Testing;
using Xunit.Abstractions;

namespace OllyStack.Query.Tests.PromQL;

public sealed class ComplianceQueryTests(ITestOutputHelper output)
{
    private const string Dataset = "promql-compliance";

    private static List<ComplianceQueries.Query> Queries() =>
        ComplianceQueries.Expand(Path.Combine(SharedDatasets.Require(Dataset), "promql-test-queries.yml"));

    [DatasetFact(Dataset)]
    public void ExpansionYieldsTheTestersQueryCountWithNoPlaceholderLeft()
    {
        var queries = Queries();

        Assert.Equal(539, queries.Count);
        Assert.DoesNotContain(queries, q => q.Text.Contains("{{", StringComparison.Ordinal));
    }

    [DatasetFact(Dataset)]
    public void EveryQueryExpectedToSucceedParses()
    {
        var queries = Queries().Where(q => !q.ShouldFail).ToList();
        var failures = new List<string>();
        foreach (var query in queries)
        {
            try
            {
                PromQLParser.Parse(query.Text);
            }
            catch (PromQLParseException error)
            {
                failures.Add($"{query.Text}\n    {error.Message}");
            }
        }

        output.WriteLine($"{queries.Count - failures.Count} of {queries.Count} compliance queries parse");
        Assert.True(failures.Count == 0, "queries that did not parse:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Of the queries the suite expects to fail, only the empty-matching selector fails at parse time; the others
    /// (an invalid label_replace regex, invalid target label names, duplicate output series) fail when evaluated,
    /// in Prometheus as here.
    /// </summary>
    [DatasetFact(Dataset)]
    public void OnlyTheEmptyMatchingSelectorAmongTheFailingQueriesIsAParseError()
    {
        var parseErrors = Queries()
            .Where(q => q.ShouldFail)
            .Where(q => Record.Exception(() => PromQLParser.Parse(q.Text)) is PromQLParseException)
            .Select(q => q.Text);

        Assert.Equal(["{__name__=~\".*\"}"], parseErrors);
    }
}
