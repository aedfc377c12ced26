using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>
/// The functions templates may call: Go's built-ins that notification templates use (and, or, not, len, index, eq,
/// ne, lt, le, gt, ge, print, printf, println, urlquery, html) and Alertmanager's own (toUpper, toLower, title,
/// trimSpace, join, match, reReplaceAll, safeHtml, stringSlice).
/// </summary>
internal static class TemplateFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, Func<IReadOnlyList<object?>, object?>> All = new(StringComparer.Ordinal)
    {
        ["and"] = args => AtLeast(args, 1, "and").FirstOrDefault(a => !TemplateValues.IsTrue(a), args[^1]),
        ["or"] = args => AtLeast(args, 1, "or").FirstOrDefault(TemplateValues.IsTrue, args[^1]),
        ["not"] = args => !TemplateValues.IsTrue(Exactly(args, 1, "not")[0]),
        ["len"] = args => Length(Exactly(args, 1, "len")[0]),
        ["index"] = args => Index(AtLeast(args, 1, "index")),
        ["eq"] = args => AtLeast(args, 2, "eq").Skip(1).Any(other => Compare(args[0], other, "eq") == 0),
        ["ne"] = args => Compare(Exactly(args, 2, "ne")[0], args[1], "ne") != 0,
        ["lt"] = args => Compare(Exactly(args, 2, "lt")[0], args[1], "lt") < 0,
        ["le"] = args => Compare(Exactly(args, 2, "le")[0], args[1], "le") <= 0,
        ["gt"] = args => Compare(Exactly(args, 2, "gt")[0], args[1], "gt") > 0,
        ["ge"] = args => Compare(Exactly(args, 2, "ge")[0], args[1], "ge") >= 0,
        ["print"] = Print,
        ["println"] = args => string.Join(' ', args.Select(TemplateValues.Print)) + "\n",
        ["printf"] = args => Printf(Text(AtLeast(args, 1, "printf")[0], "printf"), args.Skip(1).ToArray()),
        ["urlquery"] = args => WebUtility.UrlEncode(string.Concat(args.Select(TemplateValues.Print))),
        ["html"] = args => WebUtility.HtmlEncode(string.Concat(args.Select(TemplateValues.Print))),
        ["toUpper"] = args => Text(Exactly(args, 1, "toUpper")[0], "toUpper").ToUpperInvariant(),
        ["toLower"] = args => Text(Exactly(args, 1, "toLower")[0], "toLower").ToLowerInvariant(),
        ["title"] = args => Title(Text(Exactly(args, 1, "title")[0], "title")),
        ["trimSpace"] = args => Text(Exactly(args, 1, "trimSpace")[0], "trimSpace").Trim(),
        ["join"] = args => string.Join(Text(Exactly(args, 2, "join")[0], "join"), Strings(args[1], "join")),
        ["match"] = args => Pattern(Exactly(args, 2, "match")[0], "match").IsMatch(Text(args[1], "match")),
        ["reReplaceAll"] = args => Pattern(Exactly(args, 3, "reReplaceAll")[0], "reReplaceAll")
            .Replace(Text(args[2], "reReplaceAll"), Text(args[1], "reReplaceAll")),
        ["safeHtml"] = args => Text(Exactly(args, 1, "safeHtml")[0], "safeHtml"),
        ["stringSlice"] = args => args.Select(a => (object?)Text(a, "stringSlice")).ToList(),
    };

    public static object? Call(string name, IReadOnlyList<object?> arguments) =>
        All.TryGetValue(name, out var function) ? function(arguments) : throw new TemplateException($"function \"{name}\" not defined");

    private static IReadOnlyList<object?> Exactly(IReadOnlyList<object?> args, int count, string name) =>
        args.Count == count ? args : throw new TemplateException($"wrong number of args for {name}: want {count} got {args.Count}");

    private static IReadOnlyList<object?> AtLeast(IReadOnlyList<object?> args, int count, string name) =>
        args.Count >= count ? args : throw new TemplateException($"wrong number of args for {name}: want at least {count} got {args.Count}");

    private static string Text(object? value, string function) =>
        value as string ?? throw new TemplateException($"{function}: expected a string, got {TemplateValues.Print(value)}");

    private static IEnumerable<string> Strings(object? value, string function) =>
        TemplateValues.AsList(value)?.Select(v => TemplateValues.Print(v))
        ?? throw new TemplateException($"{function}: expected a list, got {TemplateValues.Print(value)}");

    private static Regex Pattern(object? value, string function)
    {
        try
        {
            return new Regex(Text(value, function), RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new TemplateException($"{function}: {e.Message}");
        }
    }

    private static long Length(object? value) => value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        ITemplateMap map => map.Count,
        _ => TemplateValues.AsList(value)?.LongCount() ?? throw new TemplateException($"len of {TemplateValues.Print(value)}"),
    };

    private static object? Index(IReadOnlyList<object?> args)
    {
        var item = args[0];
        foreach (var key in args.Skip(1))
        {
            item = (item, key) switch
            {
                (ITemplateMap map, string name) => map.TryGetValue(name, out var value) ? value : "",
                (_, long position) when TemplateValues.AsList(item)?.ToList() is { } list =>
                    position >= 0 && position < list.Count ? list[(int)position] : throw new TemplateException($"index out of range: {position}"),
                _ => throw new TemplateException($"can't index item of type {Describe(item)} with {TemplateValues.Print(key)}"),
            };
        }
        return item;
    }

    /// <summary>Orders numbers with numbers and strings with strings; booleans and nil only compare for equality.</summary>
    private static int Compare(object? left, object? right, string function) => (left, right) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (long a, long b) => a.CompareTo(b),
        (long or double, long or double) => Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
        (bool a, bool b) when function is "eq" or "ne" => a == b ? 0 : 1,
        (null, null) when function is "eq" or "ne" => 0,
        _ => throw new TemplateException($"{function}: incompatible types for comparison: {Describe(left)} and {Describe(right)}"),
    };

    /// <summary>Go's Sprint: a space between operands when neither is a string.</summary>
    private static string Print(IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string) text.Append(' ');
            TemplateValues.Append(text, args[i]);
        }
        return text.ToString();
    }

    /// <summary>The verbs notification templates use: %s %v %d %q %f (with precision, e.g. %.2f), %x and %%.</summary>
    private static string Printf(string format, object?[] args)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                text.Append(format[i]);
                continue;
            }
            var start = ++i;
            while (i < format.Length && (char.IsAsciiDigit(format[i]) || format[i] == '.')) i++;
            if (i >= format.Length) throw new TemplateException($"printf: incomplete verb in {format}");
            var verb = format[i];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }
            if (next >= args.Length)
            {
                text.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }
            text.Append(FormatVerb(verb, format[start..i], args[next++]));
        }
        return text.ToString();
    }

    private static string FormatVerb(char verb, string flags, object? value)
    {
        var precision = flags.Contains('.') && int.TryParse(flags[(flags.IndexOf('.') + 1)..], out var p) ? p : 6;
        return verb switch
        {
            's' or 'v' => TemplateValues.Print(value),
            'q' => "\"" + TemplateValues.Print(value).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            'd' when value is long l => l.ToString(CultureInfo.InvariantCulture),
            'd' when value is double d => ((long)d).ToString(CultureInfo.InvariantCulture),
            'f' when value is long or double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("F" + precision, CultureInfo.InvariantCulture),
            'x' when value is long l => l.ToString("x", CultureInfo.InvariantCulture),
            'x' when value is string s => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
            _ => $"%!{verb}({TemplateValues.Print(value)})",
        };
    }

    /// <summary>Go's strings.Title: the first letter of each word upper-cased.</summary>
    private static string Title(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (char.IsLetter(chars[i]) && (i == 0 || !char.IsLetterOrDigit(chars[i - 1]) && chars[i - 1] != '_' && chars[i - 1] != '\''))
                chars[i] = char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }

    private static string Describe(object? value) => value switch
    {
        null => "nil",
        string => "string",
        long => "int",
        double => "float64",
        bool => "bool",
        _ => value.GetType().Name,
    };
}
