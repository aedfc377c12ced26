using System.Text.RegularExpressions;
using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

public sealed class ScriptCoverageTests
{
    private static readonly string AllScripts = string.Join("\n",
        Directory.GetFiles(TestScript.Directory, "*.test").Select(File.ReadAllText));

    public static IEnumerable<object[]> Functions() => PromQLFunctions.All.Select(f => new object[] { f.Name }).OrderBy(f => (string)f[0]);

    public static IEnumerable<object[]> Aggregations() => Enum.GetValues<AggregationOp>().Select(op => new object[] { op.Name() });

    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryCatalogFunctionIsEvaluatedByATestScript(string function) =>
        Assert.Matches(new Regex($@"^eval\S* instant at \S+ .*\b{Regex.Escape(function)}\(", RegexOptions.Multiline), AllScripts);

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void EveryAggregationIsEvaluatedByATestScript(string aggregation) =>
        Assert.Matches(new Regex($@"^eval\S* instant at \S+ .*\b{Regex.Escape(aggregation)}\b", RegexOptions.Multiline), AllScripts);
}
