using System.Text;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// The functions alert templates may call: Go's built-ins (<c>and or not len index print printf println eq ne lt le
/// gt ge</c>) and Prometheus' alerting ones (<c>humanize*</c>, <c>title toUpper toLower reReplaceAll match stripPort
/// stripDomain parseDuration safeHtml externalURL pathPrefix</c>). Prometheus' query functions are not offered.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary>Prometheus template functions that need a query engine or HTML mode, refused with a clear message.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "query", "first", "label", "value", "strvalue", "sortByLabel", "args", "tmpl", "graphLink", "tableLink",
        "toTime", "toDuration", "now", "urlquery", "html", "js", "call", "slice",
    };

    private static readonly Dictionary<string, TemplateFunction> All = new TemplateFunction[]
    {
        new("and", 1, -1, (args, _) => args.FirstOrDefault(a => !TemplateValues.IsTrue(a), args[^1])),
        new("or", 1, -1, (args, _) => args.FirstOrDefault(TemplateValues.IsTrue, args[^1])),
        new("not", 1, 1, (args, _) => !TemplateValues.IsTrue(args[0])),
        new("len", 1, 1, (args, _) => Length(args[0])),
        new("index", 2, 2, (args, _) => Index(args[0], args[1])),
        new("print", 0, -1, (args, _) => Sprint(args)),
        new("println", 0, -1, (args, _) => string.Join(' ', args.Select(TemplateValues.Print)) + "\n"),
        new("printf", 1, -1, (args, _) => GoPrintf.Format(TemplateValues.ToText(args[0], "printf"), args.Skip(1).ToList())),
        new("eq", 2, -1, (args, _) => args.Skip(1).Any(other => TemplateValues.AreEqual(args[0], other))),
        new("ne", 2, 2, (args, _) => !TemplateValues.AreEqual(args[0], args[1])),
        new("lt", 2, 2, (args, _) => TemplateValues.Compare(args[0], args[1]) < 0),
        new("le", 2, 2, (args, _) => TemplateValues.Compare(args[0], args[1]) <= 0),
        new("gt", 2, 2, (args, _) => TemplateValues.Compare(args[0], args[1]) > 0),
        new("ge", 2, 2, (args, _) => TemplateValues.Compare(args[0], args[1]) >= 0),
        Numeric("humanize", Humanize.Number),
        Numeric("humanize1024", Humanize.Binary),
        Numeric("humanizeDuration", Humanize.Duration),
        Numeric("humanizePercentage", Humanize.Percentage),
        Numeric("humanizeTimestamp", Humanize.Timestamp),
        Textual("title", Title),
        Textual("toUpper", text => text.ToUpperInvariant()),
        Textual("toLower", text => text.ToLowerInvariant()),
        Textual("stripPort", text => SplitHostPort(text).Host ?? text),
        Textual("stripDomain", StripDomain),
        Textual("safeHtml", text => text),
        new("parseDuration", 1, 1, (args, _) => ParseDuration(TemplateValues.ToText(args[0], "parseDuration"))),
        new("reReplaceAll", 3, 3, (args, _) => TemplateRegex.Get(TemplateValues.ToText(args[0], "reReplaceAll"), "reReplaceAll")
            .Replace(TemplateValues.ToText(args[2], "reReplaceAll"), TemplateValues.ToText(args[1], "reReplaceAll"))),
        new("match", 2, 2, (args, _) => TemplateRegex.Get(TemplateValues.ToText(args[0], "match"), "match")
            .IsMatch(TemplateValues.ToText(args[1], "match"))),
        new("externalURL", 0, 0, (_, data) => data.ExternalUrl),
        new("pathPrefix", 0, 0, (_, data) => Uri.TryCreate(data.ExternalUrl, UriKind.Absolute, out var url) ? url.AbsolutePath.TrimEnd('/') : ""),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static TemplateFunction? Find(string name) => All.GetValueOrDefault(name);

    private static TemplateFunction Numeric(string name, Func<double, string> format) =>
        new(name, 1, 1, (args, _) => format(ToFloat(args[0], name)));

    private static TemplateFunction Textual(string name, Func<string, string> transform) =>
        new(name, 1, 1, (args, _) => transform(TemplateValues.ToText(args[0], name)));

    private static double ToFloat(object? value, string function)
    {
        try
        {
            return TemplateValues.ToFloat(value);
        }
        catch (TemplateExecutionException e)
        {
            throw new TemplateExecutionException(e.Message, function);
        }
    }

    private static long Length(object? value) => value switch
    {
        string text => Encoding.UTF8.GetByteCount(text),
        Labels labels => labels.Count,
        _ => throw new TemplateExecutionException($"len of type {TemplateValues.GoTypeName(value)}", "len"),
    };

    private static string Index(object? collection, object? key) => (collection, key) switch
    {
        (Labels labels, string name) => labels.Get(name),
        (Labels, _) => throw new TemplateExecutionException($"value has type {TemplateValues.GoTypeName(key)}; should be string", "index"),
        _ => throw new TemplateExecutionException($"can't index item of type {TemplateValues.GoTypeName(collection)}", "index"),
    };

    /// <summary>fmt.Sprint: operands side by side, with a space between two that are not strings.</summary>
    private static string Sprint(IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string) text.Append(' ');
            text.Append(TemplateValues.Print(args[i]));
        }
        return text.ToString();
    }

    /// <summary>Go's strings.Title: the first letter of each word upper-cased; words are split by anything but letters, digits and '_'.</summary>
    private static string Title(string text)
    {
        var result = new StringBuilder(text.Length);
        var previous = ' ';
        foreach (var c in text)
        {
            result.Append(IsWordSeparator(previous) ? char.ToUpperInvariant(c) : c);
            previous = c;
        }
        return result.ToString();
    }

    private static bool IsWordSeparator(char c) =>
        c <= 0x7f ? !(char.IsAsciiLetterOrDigit(c) || c == '_') : !char.IsLetterOrDigit(c) && char.IsWhiteSpace(c);

    /// <summary>"host.example.com:9100" → "host:9100"; IP addresses are left alone.</summary>
    private static string StripDomain(string hostPort)
    {
        var (host, port) = SplitHostPort(hostPort);
        host ??= hostPort;
        if (System.Net.IPAddress.TryParse(host, out _)) return hostPort;
        var shortHost = host.Split('.')[0];
        if (port is null) return shortHost;
        return shortHost.Contains(':') ? $"[{shortHost}]:{port}" : $"{shortHost}:{port}";
    }

    /// <summary>Go's net.SplitHostPort: "host:port" or "[v6]:port"; nulls when the text has no port.</summary>
    private static (string? Host, string? Port) SplitHostPort(string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf("]:", StringComparison.Ordinal);
            return close < 0 ? (null, null) : (hostPort[1..close], hostPort[(close + 2)..]);
        }
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0 || hostPort.IndexOf(':') != colon) return (null, null);
        return (hostPort[..colon], hostPort[(colon + 1)..]);
    }

    private static double ParseDuration(string text)
    {
        if (text == "0") return 0;
        if (DurationFormat.TryParse(text, out var duration, out var error)) return duration.TotalSeconds;
        throw new TemplateExecutionException(error, "parseDuration");
    }
}
