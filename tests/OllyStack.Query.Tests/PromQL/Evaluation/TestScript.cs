using System.Globalization;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// Reads Prometheus' test-script format: <c>load &lt;interval&gt;</c> followed by indented series lines,
/// <c>clear</c>, and <c>eval[_fail|_ordered] instant at &lt;duration&gt; &lt;query&gt;</c> followed by indented expected
/// lines (<c>metric{labels} value</c>, a bare scalar, or <c>expected_fail_message text</c>). <c>#</c> starts a comment.
/// </summary>
internal static class TestScript
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "PromQL", "Evaluation", "testdata");

    public static List<ScriptCase> Read(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, fileName));
        var cases = new List<ScriptCase>();
        var data = new InMemorySeriesSource();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var body = IndentedBlock(lines, ref i);
            try
            {
                if (line == "clear") data = new InMemorySeriesSource();
                else if (line.StartsWith("load ", StringComparison.Ordinal)) Load(data, Duration(line[5..].Trim()), body);
                else if (line.StartsWith("eval", StringComparison.Ordinal)) cases.Add(Eval(fileName, i + 1 - body.Count, line, body, data));
                else throw new FormatException("unknown command");
            }
            catch (Exception e) when (e is FormatException or ArgumentException or PromQLParseException)
            {
                throw new FormatException($"{fileName}:{i + 1 - body.Count}: {e.Message}: {line}", e);
            }
        }
        return cases;
    }

    private static List<string> IndentedBlock(string[] lines, ref int i)
    {
        var block = new List<string>();
        while (i + 1 < lines.Length && lines[i + 1].Length > 0 && char.IsWhiteSpace(lines[i + 1][0]))
        {
            i++;
            var text = lines[i].Trim();
            if (text.Length > 0 && !text.StartsWith('#')) block.Add(text);
        }
        return block;
    }

    private static void Load(InMemorySeriesSource data, long intervalMs, List<string> body)
    {
        foreach (var line in body)
        {
            var (labels, values) = SplitSeriesLine(line);
            var expanded = SeriesNotation.Expand(values);
            for (var k = 0; k < expanded.Count; k++)
                if (expanded[k] is { } value) data.Append(labels, k * intervalMs, value);
        }
    }

    private static ScriptCase Eval(string file, int lineNumber, string line, List<string> body, InMemorySeriesSource data)
    {
        var command = line[..line.IndexOf(' ')];
        var rest = line[command.Length..].TrimStart();
        const string prefix = "instant at ";
        if (!rest.StartsWith(prefix, StringComparison.Ordinal)) throw new FormatException("expected 'instant at'");
        rest = rest[prefix.Length..];
        var space = rest.IndexOf(' ');
        var timeMs = Duration(rest[..space]);
        var query = rest[(space + 1)..].Trim();

        string? expectedError = null;
        double? scalar = null;
        var samples = new List<(Labels, double)>();
        foreach (var expected in body)
        {
            if (expected.StartsWith("expected_fail_message ", StringComparison.Ordinal))
                expectedError = expected["expected_fail_message ".Length..].Trim();
            else if (char.IsDigit(expected[0]) || expected[0] is '-' or '+' or '.' || expected is "NaN" or "Inf")
                scalar = SeriesNotation.ParseValue(expected);
            else
            {
                var (labels, value) = SplitSeriesLine(expected);
                samples.Add((labels, SeriesNotation.ParseValue(value.Trim())));
            }
        }
        return new ScriptCase(file, lineNumber, data, query, timeMs, command == "eval_fail", expectedError,
            command == "eval_ordered", scalar, samples);
    }

    /// <summary>Splits <c>metric{a="b"} rest</c> into a label set (parsed as a selector of equality matchers) and the rest.</summary>
    private static (Labels Labels, string Values) SplitSeriesLine(string line)
    {
        var close = line.LastIndexOf('}');
        var split = close >= 0 ? close + 1 : line.IndexOf(' ');
        var descriptor = line[..split].Trim();
        var rest = line[split..].Trim();
        if (descriptor == "{}") return (Labels.Empty, rest);
        var selector = (VectorSelector)PromQLParser.Parse(descriptor);
        var pairs = selector.Matchers.Select(m => (m.Name, m.Value)).ToList();
        if (selector.MetricName is not null) pairs.Add((Labels.MetricName, selector.MetricName));
        return (Labels.Of(pairs), rest);
    }

    private static long Duration(string text)
    {
        if (text == "0") return 0;
        if (!DurationFormat.TryParse(text, out var duration, out var error)) throw new FormatException(error);
        return (long)duration.TotalMilliseconds;
    }
}
