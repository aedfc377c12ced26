using System.Text;
using static OllyStack.Query.LogQL.Pipeline.Templates.TemplateValues;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>
/// The functions of Loki's templates: Go's <c>strings</c> functions under their Go names (<c>ToUpper</c>,
/// <c>TrimPrefix s prefix</c>, <c>Replace s old new n</c>), Sprig's under theirs (<c>upper</c>,
/// <c>trimPrefix prefix s</c>, <c>replace old new s</c>, <c>default</c>, ...), Go's comparisons and logic, and
/// Loki's own (<c>__line__</c>, <c>__timestamp__</c>, <c>alignLeft</c>, <c>unixEpoch</c>, ...). Sprig functions take
/// the subject last so that it can be piped in.
/// </summary>
internal static class TemplateFunctions
{
    private const int Any = int.MaxValue;

    private static readonly Dictionary<string, TemplateFunction> ByName = new TemplateFunction[]
    {
        new("__line__", 0, 0, (_, scope) => scope.Line),
        new("__timestamp__", 0, 0, (_, scope) => new TemplateTime(scope.TimestampUnixNano)),
        new("ToUpper", 1, 1, (a, _) => Text(a, 0).ToUpperInvariant()),
        new("ToLower", 1, 1, (a, _) => Text(a, 0).ToLowerInvariant()),
        new("upper", 1, 1, (a, _) => Text(a, 0).ToUpperInvariant()),
        new("lower", 1, 1, (a, _) => Text(a, 0).ToLowerInvariant()),
        new("title", 1, 1, (a, _) => Title(Text(a, 0))),
        new("Title", 1, 1, (a, _) => Title(Text(a, 0))),
        new("TrimSpace", 1, 1, (a, _) => Text(a, 0).Trim()),
        new("trim", 1, 1, (a, _) => Text(a, 0).Trim()),
        new("Trim", 2, 2, (a, _) => Text(a, 0).Trim(Text(a, 1).ToCharArray())),
        new("TrimLeft", 2, 2, (a, _) => Text(a, 0).TrimStart(Text(a, 1).ToCharArray())),
        new("TrimRight", 2, 2, (a, _) => Text(a, 0).TrimEnd(Text(a, 1).ToCharArray())),
        new("TrimPrefix", 2, 2, (a, _) => WithoutPrefix(Text(a, 0), Text(a, 1))),
        new("TrimSuffix", 2, 2, (a, _) => WithoutSuffix(Text(a, 0), Text(a, 1))),
        new("trimAll", 2, 2, (a, _) => Text(a, 1).Trim(Text(a, 0).ToCharArray())),
        new("trimPrefix", 2, 2, (a, _) => WithoutPrefix(Text(a, 1), Text(a, 0))),
        new("trimSuffix", 2, 2, (a, _) => WithoutSuffix(Text(a, 1), Text(a, 0))),
        new("Replace", 4, 4, (a, _) => ReplaceN(Text(a, 0), Text(a, 1), Text(a, 2), ToLong(a[3]))),
        new("replace", 3, 3, (a, _) => ReplaceN(Text(a, 2), Text(a, 0), Text(a, 1), -1)),
        new("contains", 2, 2, (a, _) => Text(a, 1).Contains(Text(a, 0), StringComparison.Ordinal)),
        new("hasPrefix", 2, 2, (a, _) => Text(a, 1).StartsWith(Text(a, 0), StringComparison.Ordinal)),
        new("hasSuffix", 2, 2, (a, _) => Text(a, 1).EndsWith(Text(a, 0), StringComparison.Ordinal)),
        new("trunc", 2, 2, (a, _) => Truncate(Text(a, 1), ToLong(a[0]))),
        new("substr", 3, 3, (a, _) => Substring(Text(a, 2), ToLong(a[0]), ToLong(a[1]))),
        new("repeat", 2, 2, (a, _) => Repeat(Text(a, 1), ToLong(a[0]))),
        new("regexReplaceAll", 3, 3, (a, _) => RegexReplace(Text(a, 0), Text(a, 1), Text(a, 2), literal: false)),
        new("regexReplaceAllLiteral", 3, 3, (a, _) => RegexReplace(Text(a, 0), Text(a, 1), Text(a, 2), literal: true)),
        new("printf", 1, Any, (a, _) => GoPrintf.Format(Text(a, 0), a.Skip(1).ToList())),
        new("default", 1, 2, (a, _) => a.Count < 2 || !IsTrue(a[1]) ? a[0] : a[1]),
        new("alignLeft", 2, 2, (a, _) => Align(Text(a, 1), ToLong(a[0]), left: true)),
        new("alignRight", 2, 2, (a, _) => Align(Text(a, 1), ToLong(a[0]), left: false)),
        new("urlencode", 1, 1, (a, _) => Uri.EscapeDataString(Text(a, 0))),
        new("urldecode", 1, 1, (a, _) => Uri.UnescapeDataString(Text(a, 0).Replace('+', ' '))),
        new("b64enc", 1, 1, (a, _) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(a, 0)))),
        new("b64dec", 1, 1, (a, _) => Base64Decode(Text(a, 0))),
        new("len", 1, 1, (a, _) => (long)Text(a, 0).Length),
        new("int", 1, 1, (a, _) => ToLong(a[0])),
        new("float64", 1, 1, (a, _) => ToDouble(a[0])),
        new("add", 2, Any, (a, _) => a.Aggregate(0L, (sum, x) => sum + ToLong(x))),
        new("sub", 2, 2, (a, _) => ToLong(a[0]) - ToLong(a[1])),
        new("mul", 2, Any, (a, _) => a.Aggregate(1L, (product, x) => product * ToLong(x))),
        new("div", 2, 2, (a, _) => ToLong(a[1]) == 0 ? throw new TemplateException("integer divide by zero") : ToLong(a[0]) / ToLong(a[1])),
        new("mod", 2, 2, (a, _) => ToLong(a[1]) == 0 ? throw new TemplateException("integer divide by zero") : ToLong(a[0]) % ToLong(a[1])),
        new("addf", 2, Any, (a, _) => a.Sum(ToDouble)),
        new("subf", 2, 2, (a, _) => ToDouble(a[0]) - ToDouble(a[1])),
        new("mulf", 2, Any, (a, _) => a.Aggregate(1.0, (product, x) => product * ToDouble(x))),
        new("divf", 2, 2, (a, _) => ToDouble(a[0]) / ToDouble(a[1])),
        new("unixEpoch", 1, 1, (a, _) => Time(a[0]).UnixNano / 1_000_000_000),
        new("unixEpochMillis", 1, 1, (a, _) => Time(a[0]).UnixNano / 1_000_000),
        new("unixEpochNanos", 1, 1, (a, _) => Time(a[0]).UnixNano),
        new("date", 2, 2, (a, _) => GoTimeLayout.Format(Time(a[1]), Text(a, 0))),
        new("eq", 2, Any, (a, _) => a.Skip(1).Any(x => Compare(a[0], x) == 0)),
        new("ne", 2, 2, (a, _) => Compare(a[0], a[1]) != 0),
        new("lt", 2, 2, (a, _) => Compare(a[0], a[1]) < 0),
        new("le", 2, 2, (a, _) => Compare(a[0], a[1]) <= 0),
        new("gt", 2, 2, (a, _) => Compare(a[0], a[1]) > 0),
        new("ge", 2, 2, (a, _) => Compare(a[0], a[1]) >= 0),
        new("and", 1, Any, (a, _) => a.FirstOrDefault(x => !IsTrue(x), a[^1])),
        new("or", 1, Any, (a, _) => a.FirstOrDefault(IsTrue, a[^1])),
        new("not", 1, 1, (a, _) => !IsTrue(a[0])),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out TemplateFunction function) => ByName.TryGetValue(name, out function!);

    private static string Text(IReadOnlyList<object?> args, int index) => ToText(args[index]);

    private static TemplateTime Time(object? value) => value switch
    {
        TemplateTime time => time,
        long seconds => new TemplateTime(seconds * 1_000_000_000),
        _ => throw new TemplateException($"expected a time such as __timestamp__, got {TypeName(value)}"),
    };

    private static string Title(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (i == 0 || char.IsWhiteSpace(chars[i - 1])) chars[i] = char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }

    private static string WithoutPrefix(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;

    private static string WithoutSuffix(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;

    /// <summary>Go's <c>strings.Replace</c>: the first <paramref name="count"/> occurrences, all when negative.</summary>
    private static string ReplaceN(string text, string old, string replacement, long count)
    {
        if (count < 0 || old.Length == 0) return old.Length == 0 ? text : text.Replace(old, replacement, StringComparison.Ordinal);
        var result = new StringBuilder();
        var position = 0;
        for (var done = 0L; done < count; done++)
        {
            var found = text.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0) break;
            result.Append(text, position, found - position).Append(replacement);
            position = found + old.Length;
        }
        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Sprig's <c>trunc</c>: the first n characters, or the last -n when negative.</summary>
    private static string Truncate(string text, long n) => n switch
    {
        >= 0 => n >= text.Length ? text : text[..(int)n],
        _ => -n >= text.Length ? text : text[(text.Length + (int)n)..],
    };

    /// <summary>Sprig's <c>substr</c>: from start to end; a negative end means to the end of the text.</summary>
    private static string Substring(string text, long start, long end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = end < 0 || end > text.Length ? text.Length : end;
        return end <= start ? "" : text[(int)start..(int)end];
    }

    private static string Repeat(string text, long count)
    {
        if (count < 0) throw new TemplateException("negative repeat count");
        if (count * text.Length > 1 << 20) throw new TemplateException("repeat result too long");
        return string.Concat(Enumerable.Repeat(text, (int)count));
    }

    private static string RegexReplace(string pattern, string text, string replacement, bool literal)
    {
        System.Text.RegularExpressions.Regex regex;
        try
        {
            regex = GoRegex.Unanchored(pattern);
        }
        catch (FormatException e)
        {
            throw new TemplateException($"invalid regular expression {pattern}: {e.Message}");
        }
        return literal ? regex.Replace(text, replacement.Replace("$", "$$", StringComparison.Ordinal)) : regex.Replace(text, replacement);
    }

    /// <summary>Loki's <c>alignLeft</c>/<c>alignRight</c>: pad or cut to exactly n characters.</summary>
    private static string Align(string text, long n, bool left)
    {
        if (n < 0) throw new TemplateException("alignment width must not be negative");
        var width = (int)Math.Min(n, 1 << 16);
        if (text.Length >= width) return left ? text[..width] : text[(text.Length - width)..];
        return left ? text.PadRight(width) : text.PadLeft(width);
    }

    private static string Base64Decode(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}
