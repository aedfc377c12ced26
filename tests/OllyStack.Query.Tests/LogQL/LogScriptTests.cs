using System.Collections.Concurrent;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.LogQL;

/// <summary>Runs every <c>eval</c> of the scripts in LogQL/testdata/ as its own test case, named file:line.</summary>
public sealed class LogScriptTests
{
    private const string Tenant = "tenant-a";
    private const double RelativeTolerance = 1e-9;
    private static readonly ConcurrentDictionary<string, List<LogScriptCase>> Scripts = new();

    public static IEnumerable<object[]> Cases() =>
        Directory.GetFiles(LogScript.Directory, "*.test").Order(StringComparer.Ordinal)
            .SelectMany(path => CasesOf(Path.GetFileName(path)))
            .Select(c => new object[] { c.File, c.Line });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptedLogQLQueryEvaluatesAsLokiDoes(string file, int line)
    {
        var scriptCase = CasesOf(file).Single(c => c.Line == line);
        var engine = new LogQLEngine(scriptCase.Data);
        if (scriptCase.ShouldFail)
        {
            var error = Assert.ThrowsAny<Exception>(() => Run(engine, scriptCase));
            Assert.True(error is LogQLEvaluationException or LogQLLimitException or LogQLParseException, $"unexpected {error.GetType().Name}: {error.Message}");
            if (scriptCase.ExpectedError is { } expected) Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            return;
        }
        switch (Run(engine, scriptCase))
        {
            case LogQueryResult logs: AssertStreams(scriptCase, logs); break;
            case ScalarValue scalar:
                Assert.True(scriptCase.Scalar is { } expected && Close(expected, scalar.Value), $"expected scalar {scriptCase.Scalar}, got {scalar.Value}");
                break;
            case VectorValue vector: AssertSamples(scriptCase, [.. vector.Samples.Select(s => (s.Labels, new double?[] { s.Value }))]); break;
            case MatrixValue matrix: AssertSamples(scriptCase, [.. matrix.Series.Select(s => (s.Labels, Steps(scriptCase, s)))]); break;
        }
    }

    private static object Run(LogQLEngine engine, LogScriptCase c) => c.Kind switch
    {
        LogScriptCase.Mode.Logs => engine.QueryLogs(Tenant, c.Query, c.StartUnixNano, c.EndUnixNano, c.Limit, c.Direction),
        LogScriptCase.Mode.Instant => engine.QueryInstant(Tenant, c.Query, c.StartUnixNano),
        _ => engine.QueryRange(Tenant, c.Query, c.StartUnixNano, c.EndUnixNano, c.StepNano),
    };

    private static void AssertStreams(LogScriptCase scriptCase, LogQueryResult result)
    {
        var expected = string.Join("\n", scriptCase.Streams.Select(s => s.Labels + "\n" + string.Join("\n", s.Entries.Select(e => $"  {e.Time} {e.Line}"))));
        var actual = string.Join("\n", result.Streams.Select(s => s.Labels + "\n" + string.Join("\n", s.Entries.Select(e => $"  {e.TimeUnixNano} {e.Line}"))));
        Assert.Equal(expected, actual);
    }

    /// <summary>A range result's points spread over the steps, null where a step has no point.</summary>
    private static double?[] Steps(LogScriptCase scriptCase, Series series)
    {
        var count = (int)((scriptCase.EndUnixNano - scriptCase.StartUnixNano) / scriptCase.StepNano) + 1;
        var values = new double?[count];
        foreach (var point in series.Points) values[(int)((point.TimestampMs * 1_000_000 - scriptCase.StartUnixNano) / scriptCase.StepNano)] = point.Value;
        return values;
    }

    private static void AssertSamples(LogScriptCase scriptCase, List<(Labels Labels, double?[] Values)> actual)
    {
        var expected = scriptCase.Series;
        if (!scriptCase.Ordered)
        {
            expected = [.. expected.OrderBy(s => s.Labels)];
            actual = [.. actual.OrderBy(s => s.Labels)];
        }
        var describe = $"\nexpected:\n{Describe(expected)}\nactual:\n{Describe(actual)}";
        Assert.True(expected.Count == actual.Count, "wrong number of series" + describe);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Labels.Equals(actual[i].Labels), $"labels differ at {i}" + describe);
            Assert.True(expected[i].Values.Length == actual[i].Values.Length, $"wrong number of values for {actual[i].Labels}" + describe);
            for (var j = 0; j < expected[i].Values.Length; j++)
                Assert.True(Close(expected[i].Values[j], actual[i].Values[j]), $"value {j} differs for {actual[i].Labels}" + describe);
        }
    }

    private static bool Close(double? expected, double? actual)
    {
        if (expected is not { } e || actual is not { } a) return expected is null && actual is null;
        if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
        return e == a || Math.Abs(e - a) <= RelativeTolerance * Math.Max(Math.Abs(e), Math.Abs(a)) || Math.Abs(e - a) < 1e-12;
    }

    private static string Describe(IEnumerable<(Labels Labels, double?[] Values)> series) =>
        string.Join("\n", series.Select(s => $"  {s.Labels} {string.Join(' ', s.Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "_"))}"));

    private static List<LogScriptCase> CasesOf(string file) => Scripts.GetOrAdd(file, LogScript.Read);
}
