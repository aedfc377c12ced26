using System.Collections.Concurrent;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>Runs every <c>eval</c> of the scripts in testdata/ as its own test case, named file:line.</summary>
public sealed class TestScriptTests
{
    private const double RelativeTolerance = 1e-9;
    private static readonly ConcurrentDictionary<string, List<ScriptCase>> Scripts = new();

    public static IEnumerable<object[]> Cases() =>
        System.IO.Directory.GetFiles(TestScript.Directory, "*.test").Order(StringComparer.Ordinal)
            .SelectMany(path => CasesOf(Path.GetFileName(path)))
            .Select(c => new object[] { c.File, c.Line });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptedQueryEvaluatesAsPrometheusDoes(string file, int line)
    {
        var scriptCase = CasesOf(file).Single(c => c.Line == line);
        var engine = new PromQLEngine(scriptCase.Data);
        if (scriptCase.ShouldFail)
        {
            var error = Assert.ThrowsAny<Exception>(() => engine.EvaluateInstant(scriptCase.Query, scriptCase.TimeMs));
            Assert.True(error is PromQLEvaluationException or QueryLimitException or OllyStack.Query.PromQL.PromQLParseException,
                $"unexpected {error.GetType().Name}: {error.Message}");
            if (scriptCase.ExpectedError is { } expected) Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            return;
        }

        var result = engine.EvaluateInstant(scriptCase.Query, scriptCase.TimeMs);
        if (scriptCase.ExpectedScalar is { } scalar)
        {
            var actual = Assert.IsType<ScalarValue>(result);
            Assert.True(Close(scalar, actual.Value), $"expected scalar {scalar}, got {actual.Value}");
            return;
        }
        var samples = result switch
        {
            VectorValue vector => vector.Samples.Select(s => (s.Labels, s.Value)).ToList(),
            MatrixValue matrix => matrix.Series.SelectMany(s => s.Points.Select(p => (s.Labels, p.Value))).ToList(),
            _ => throw new Xunit.Sdk.XunitException($"expected a vector, got {result}"),
        };
        var expectedSamples = scriptCase.ExpectedSamples;
        var describe = $"\nexpected:\n{Describe(expectedSamples)}\nactual:\n{Describe(samples)}";
        Assert.True(expectedSamples.Count == samples.Count, "wrong number of samples" + describe);
        if (!scriptCase.Ordered)
        {
            expectedSamples = expectedSamples.OrderBy(s => s.Labels).ToList();
            samples = samples.OrderBy(s => s.Labels).ToList();
        }
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.True(expectedSamples[i].Labels.Equals(samples[i].Labels), $"labels differ at {i}" + describe);
            Assert.True(Close(expectedSamples[i].Value, samples[i].Value), $"value differs for {samples[i].Labels}" + describe);
        }
    }

    private static List<ScriptCase> CasesOf(string file) => Scripts.GetOrAdd(file, TestScript.Read);

    private static bool Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (expected == actual) return true;
        return Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual)) || Math.Abs(expected - actual) < 1e-12;
    }

    private static string Describe(IEnumerable<(Labels Labels, double Value)> samples) =>
        string.Join("\n", samples.Select(s => $"  {s.Labels} {s.Value}"));
}
