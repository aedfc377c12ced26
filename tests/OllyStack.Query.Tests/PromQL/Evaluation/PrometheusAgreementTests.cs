using System.Globalization;
using System.Text.RegularExpressions;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>The expected values in the test scripts are what Prometheus 2.x itself computes, checked with promtool.</summary>
public sealed partial class PrometheusAgreementTests
{
    private const double RelativeTolerance = 1e-9;

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
            if (exitCode == 0) return;
            // A failure must be a reported comparison (not, say, a file promtool could not read) and within tolerance.
            Assert.True(FailureBlocks(output).Any(), "promtool failed without reporting a result:\n" + output);
            var disagreements = Disagreements(output);
            Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements));
        }
        finally
        {
            File.Delete(unitTestFile);
        }
    }

    /// <summary>
    /// The failures promtool reports that are real: an error, or a value outside the tolerance. promtool compares
    /// floats exactly and NaN unequal to itself, while Prometheus' own summation order (and so the last bit of a mean)
    /// varies from run to run; the engine's scripts are held to the same tolerance as the engine.
    /// </summary>
    private static List<string> Disagreements(string output)
    {
        var disagreements = new List<string>();
        foreach (var block in FailureBlocks(output))
        {
            var failureExpected = block.Contains(PromtoolUnitTestFile.ExpectedFailureTag, StringComparison.Ordinal);
            if (failureExpected)
            {
                if (!block.Contains("err:", StringComparison.Ordinal)) disagreements.Add("Prometheus did not fail:\n" + block.Trim());
                continue;
            }
            var expected = ExpectedLine().Match(block);
            var actual = ActualLine().Match(block);
            if (!expected.Success || !actual.Success || !Agree(Samples(expected.Groups[1].Value), Samples(actual.Groups[1].Value)))
                disagreements.Add(block.Trim());
        }
        return disagreements;
    }

    /// <summary>Each reported failure: its "expr:" line and the lines after it up to the next one.</summary>
    private static IEnumerable<string> FailureBlocks(string output)
    {
        var block = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.TrimStart().StartsWith("expr:", StringComparison.Ordinal))
            {
                if (block.Count > 0) yield return string.Join('\n', block);
                block.Clear();
            }
            if (block.Count > 0 || line.TrimStart().StartsWith("expr:", StringComparison.Ordinal)) block.Add(line);
        }
        if (block.Count > 0) yield return string.Join('\n', block);
    }

    private static bool Agree(List<(string Labels, double Value)> expected, List<(string Labels, double Value)> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Labels == p.Second.Labels && Close(p.First.Value, p.Second.Value));

    private static List<(string Labels, double Value)> Samples(string line) =>
        line.Trim() == "nil"
            ? []
            : SampleText().Matches(line).Select(m => (m.Groups[1].Value, ParseGoFloat(m.Groups[2].Value))).OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();

    private static double ParseGoFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static bool Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        return expected == actual || Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
    }

    [GeneratedRegex(@"exp: (.*)")]
    private static partial Regex ExpectedLine();

    [GeneratedRegex(@"got: (.*)")]
    private static partial Regex ActualLine();

    [GeneratedRegex(@"(\{[^}]*\}) (\S+?)(?:, |$)")]
    private static partial Regex SampleText();
}
