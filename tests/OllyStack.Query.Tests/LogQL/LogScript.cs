using System.Globalization;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.LogQL;

/// <summary>
/// Reads LogQL test scripts (LogQL/testdata/*.test). Times are durations after the Unix epoch (<c>0</c>, <c>90s</c>,
/// <c>1m30s</c>, <c>1500ms</c>). <c>#</c> starts a comment line. Commands:
/// <code>
/// load                                      streams and their lines, more indented under their stream
///   {app="api", env="prod"}
///     10s level=info msg="started"          time, then the line (a Go-quoted string when it starts with ")
///     20s meta{trace_id="abc"} hello         structured metadata before the line
/// clear                                     forget the loaded data
/// eval logs from 0 to 5m [limit 10] [forward|backward] QUERY      (default limit 1000, backward)
///   {labels}                                expected streams, sorted by labels,
///     20s line                              each with its lines in the query's direction
/// eval instant at 5m QUERY
///   {labels} 3                              expected samples (any order), or a bare number for a scalar
/// eval range from 0 to 5m step 1m QUERY
///   {labels} 1 2 _ 4 5 6                    one value per step; _ where the series has no point
/// eval_ordered ...                          samples must come in the order written
/// eval_fail ...                             the query must fail
///   error some text                         ... with a message containing the text
/// </code>
/// </summary>
internal static partial class LogScript
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "LogQL", "testdata");

    public static List<LogScriptCase> Read(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, fileName));
        var cases = new List<LogScriptCase>();
        var data = new InMemoryLogSource();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var start = i;
            var body = Block(lines, ref i);
            try
            {
                if (line == "clear") data = new InMemoryLogSource();
                else if (line == "load") Load(data, body);
                else if (line.StartsWith("eval", StringComparison.Ordinal)) cases.Add(Eval(fileName, start + 1, line, body, data));
                else throw new FormatException("unknown command");
            }
            catch (Exception e) when (e is FormatException or ArgumentException or LogQLParseException)
            {
                throw new FormatException($"{fileName}:{start + 1}: {e.Message}: {line}", e);
            }
        }
        return cases;
    }

    /// <summary>The indented lines after a command, with their indentation, without blank and comment lines.</summary>
    private static List<string> Block(string[] lines, ref int i)
    {
        var block = new List<string>();
        while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0])))
        {
            i++;
            var trimmed = lines[i].Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#')) block.Add(lines[i].TrimEnd('\r'));
        }
        return block;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static void Load(InMemoryLogSource data, List<string> body)
    {
        Labels? stream = null;
        var streamIndent = -1;
        foreach (var raw in body)
        {
            var text = raw.Trim();
            if (stream is null || Indent(raw) <= streamIndent)
            {
                stream = ParseLabels(text);
                streamIndent = Indent(raw);
                continue;
            }
            var (time, rest) = SplitTime(text);
            IReadOnlyList<KeyValuePair<string, string>>? metadata = null;
            if (rest.StartsWith("meta{", StringComparison.Ordinal))
            {
                var close = rest.IndexOf('}');
                metadata = [.. MetadataPair().Matches(rest[5..close]).Select(m => KeyValuePair.Create(m.Groups[1].Value, Unquote(m.Groups[2].Value)))];
                rest = rest[(close + 1)..].TrimStart();
            }
            data.Add(stream.Select(l => KeyValuePair.Create(l.Name, l.Value)), time, Unquote(rest), metadata);
        }
    }

    private static LogScriptCase Eval(string file, int lineNumber, string line, List<string> body, InMemoryLogSource data)
    {
        var words = new Queue<string>(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var command = words.Dequeue();
        var mode = words.Dequeue() switch
        {
            "logs" => LogScriptCase.Mode.Logs,
            "instant" => LogScriptCase.Mode.Instant,
            "range" => LogScriptCase.Mode.Range,
            var other => throw new FormatException($"expected logs, instant or range, got {other}"),
        };
        long start = 0, end = 0, step = 0;
        var limit = 1000;
        var direction = LogDirection.Backward;
        while (words.Count > 0 && !words.Peek().StartsWith('{') && words.Peek() is "at" or "from" or "to" or "step" or "limit" or "forward" or "backward")
        {
            switch (words.Dequeue())
            {
                case "at": start = end = Time(words.Dequeue()); break;
                case "from": start = Time(words.Dequeue()); break;
                case "to": end = Time(words.Dequeue()); break;
                case "step": step = Time(words.Dequeue()); break;
                case "limit": limit = int.Parse(words.Dequeue(), CultureInfo.InvariantCulture); break;
                case "forward": direction = LogDirection.Forward; break;
                default: direction = LogDirection.Backward; break;
            }
        }
        var scriptCase = new LogScriptCase(file, lineNumber, data, string.Join(' ', words), mode)
        {
            StartUnixNano = start,
            EndUnixNano = end,
            StepNano = step,
            Limit = limit,
            Direction = direction,
            ShouldFail = command == "eval_fail",
            Ordered = command == "eval_ordered",
            ExpectedError = body.Select(b => b.Trim()).FirstOrDefault(b => b.StartsWith("error ", StringComparison.Ordinal))?["error ".Length..],
        };
        if (!scriptCase.ShouldFail)
        {
            if (mode == LogScriptCase.Mode.Logs) ReadExpectedStreams(scriptCase, body);
            else ReadExpectedSamples(scriptCase, body);
        }
        return scriptCase;
    }

    private static void ReadExpectedStreams(LogScriptCase scriptCase, List<string> body)
    {
        var streamIndent = -1;
        foreach (var raw in body)
        {
            var text = raw.Trim();
            if (scriptCase.Streams.Count == 0 || Indent(raw) <= streamIndent)
            {
                scriptCase.Streams.Add((ParseLabels(text), []));
                streamIndent = Indent(raw);
                continue;
            }
            var (time, rest) = SplitTime(text);
            scriptCase.Streams[^1].Entries.Add((time, Unquote(rest)));
        }
    }

    private static void ReadExpectedSamples(LogScriptCase scriptCase, List<string> body)
    {
        foreach (var raw in body)
        {
            var text = raw.Trim();
            if (!text.StartsWith('{'))
            {
                scriptCase.Scalar = ParseValue(text) ?? throw new FormatException("a scalar cannot be _");
                continue;
            }
            var close = text.IndexOf("} ", StringComparison.Ordinal) is var c and >= 0 ? c : text.Length - 1;
            var values = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseValue).ToArray();
            scriptCase.Series.Add((ParseLabels(text[..(close + 1)]), values));
        }
    }

    /// <summary>A label set written as a selector of equality matchers; <c>{}</c> is the empty set.</summary>
    private static Labels ParseLabels(string text)
    {
        if (text.Replace(" ", "", StringComparison.Ordinal) == "{}") return Labels.Empty;
        // A selector needs one matcher that does not match "", so one is added and removed again.
        var selector = (LogSelectorExpr)LogQLParser.Parse(text.TrimEnd()[..^1] + (text.Contains('=') ? ", " : "") + "__script__=\"x\"}");
        return Labels.Of(selector.Matchers.Where(m => m.Name != "__script__").Select(m => (m.Name, m.Value)));
    }

    private static (long Time, string Text) SplitTime(string text)
    {
        var space = text.IndexOf(' ');
        return space < 0 ? (Time(text), "") : (Time(text[..space]), text[(space + 1)..]);
    }

    private static long Time(string text) =>
        GoDuration.TryParse(text, out var seconds) ? (long)Math.Round(seconds * 1e9) : throw new FormatException($"bad time {text}");

    /// <summary>A line written as a Go-quoted string (to hold escapes such as \x1b) is decoded; any other text is taken as it is.</summary>
    private static string Unquote(string text)
    {
        if (!text.StartsWith('"')) return text;
        try
        {
            var value = QuotedStringLiteral.Read(text, 0, out var end);
            return end == text.Length ? value : text;
        }
        catch (StringLiteralException)
        {
            return text;
        }
    }

    /// <summary>A metadata pair: any name (OpenTelemetry's have dots), then a quoted value.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("([^\\s,=]+)=(\"(?:[^\"\\\\]|\\\\.)*\")")]
    private static partial System.Text.RegularExpressions.Regex MetadataPair();

    private static double? ParseValue(string text) => text switch
    {
        "_" => null,
        "NaN" => double.NaN,
        "Inf" or "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
