using System.Globalization;
using System.Text;
using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// Turns a test script into a promtool rule unit-test file, so Prometheus itself checks the expected values.
/// Each <c>load</c> block becomes a test group holding the <c>eval</c> cases that follow it. Left out, because
/// promtool cannot express them: queries whose result is a range vector. An <c>eval_fail</c> query is tagged with the
/// comment <see cref="ExpectedFailureTag"/>, so a failure promtool reports for it can be told apart. promtool only loads
/// samples up to the latest evaluation time of a group, so each group also evaluates a constant at its last sample's time.
/// </summary>
internal static class PromtoolUnitTestFile
{
    /// <summary>A PromQL comment appended to the queries that must fail; promtool prints it back with the query.</summary>
    public const string ExpectedFailureTag = "# eval_fail";

    public static string Convert(string scriptPath)
    {
        var yaml = new StringBuilder("tests:\n");
        var lines = File.ReadAllLines(scriptPath);
        var lastSampleMs = 0L;
        var groupOpen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || char.IsWhiteSpace(lines[i][0])) continue;
            var body = new List<string>();
            while (i + 1 < lines.Length && lines[i + 1].Length > 0 && char.IsWhiteSpace(lines[i + 1][0]))
            {
                var text = lines[++i].Trim();
                if (text.Length > 0 && !text.StartsWith('#')) body.Add(text);
            }
            if (line.StartsWith("load ", StringComparison.Ordinal))
            {
                if (groupOpen) CloseGroup(yaml, lastSampleMs);
                var interval = line[5..].Trim();
                yaml.Append("  - interval: ").Append(interval).Append("\n    input_series:\n");
                var intervalMs = DurationMs(interval);
                lastSampleMs = 0;
                foreach (var series in body)
                {
                    var (descriptor, values) = Split(series);
                    yaml.Append("      - series: ").Append(Quote(descriptor)).Append("\n        values: ").Append(Quote(values)).Append('\n');
                    lastSampleMs = Math.Max(lastSampleMs, (SeriesNotation.Expand(values).Count - 1) * intervalMs);
                }
                yaml.Append("    promql_expr_test:\n");
                groupOpen = true;
            }
            else if (line.StartsWith("eval_fail ", StringComparison.Ordinal))
            {
                AppendEval(yaml, line, [], failureExpected: true);
            }
            else if (line.StartsWith("eval ", StringComparison.Ordinal) || line.StartsWith("eval_ordered ", StringComparison.Ordinal))
            {
                AppendEval(yaml, line, body, failureExpected: false);
            }
            else if (line == "clear" && groupOpen)
            {
                CloseGroup(yaml, lastSampleMs);
                groupOpen = false;
            }
        }
        if (groupOpen) CloseGroup(yaml, lastSampleMs);
        return yaml.ToString();
    }

    private static void AppendEval(StringBuilder yaml, string line, List<string> body, bool failureExpected)
    {
        var rest = line[(line.IndexOf(" at ", StringComparison.Ordinal) + 4)..];
        var time = rest[..rest.IndexOf(' ')];
        var query = rest[(time.Length + 1)..].Trim();
        if (failureExpected) query += " " + ExpectedFailureTag;
        else if (PromQLParser.Parse(query).Type == ExprType.RangeVector) return;
        yaml.Append("      - expr: ").Append(Quote(query)).Append("\n        eval_time: ").Append(time == "0" ? "0s" : time).Append('\n');
        yaml.Append("        exp_samples:").Append(body.Count == 0 ? " []\n" : "\n");
        foreach (var expected in body)
        {
            var (labels, value) = char.IsDigit(expected[0]) || expected[0] is '-' or '+' or '.' || expected is "Inf" or "NaN"
                ? ("{}", expected)
                : Split(expected);
            yaml.Append("          - labels: ").Append(Quote(labels)).Append("\n            value: ").Append(YamlFloat(value)).Append('\n');
        }
    }

    // promtool appends samples one evaluation interval (1m by default) at a time, so round up to a whole minute.
    private static void CloseGroup(StringBuilder yaml, long lastSampleMs) =>
        yaml.Append("      - expr: vector(1)\n        eval_time: ").Append((lastSampleMs + 59_999) / 60_000).Append("m\n")
            .Append("        exp_samples:\n          - labels: '{}'\n            value: 1\n");

    private static (string Descriptor, string Values) Split(string line)
    {
        var close = line.LastIndexOf('}');
        var split = close >= 0 ? close + 1 : line.IndexOf(' ');
        return (line[..split].Trim(), line[split..].Trim());
    }

    private static string YamlFloat(string value) => value switch
    {
        "Inf" or "+Inf" => ".inf",
        "-Inf" => "-.inf",
        "NaN" => ".nan",
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private static long DurationMs(string text) =>
        DurationFormat.TryParse(text, out var duration, out var error)
            ? (long)duration.TotalMilliseconds
            : throw new FormatException(error);
}
