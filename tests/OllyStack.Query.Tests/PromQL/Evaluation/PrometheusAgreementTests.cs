namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>The expected values in the test scripts are what Prometheus 2.x itself computes, checked with promtool.</summary>
public sealed class PrometheusAgreementTests
{
    public static IEnumerable<object[]> Scripts() =>
        Directory.GetFiles(TestScript.Directory, "*.test").Order(StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    [PromtoolTheory]
    [MemberData(nameof(Scripts))]
    public void PrometheusComputesTheExpectedResultsOfTheScript(string file)
    {
        var unitTestFile = Path.Combine(Path.GetTempPath(), $"ollystack-promtool-{Guid.NewGuid():N}.yml");
        File.WriteAllText(unitTestFile, PromtoolUnitTestFile.Convert(Path.Combine(TestScript.Directory, file)));
        try
        {
            var (exitCode, output) = Promtool.TestRules(unitTestFile);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(unitTestFile);
        }
    }
}
