using System.Globalization;
using System.Text;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// The part of Go's fmt.Sprintf that alert templates use: verbs <c>%v %s %q %d %x %X %e %E %f %F %g %G %t %%</c>,
/// flags <c>- + space 0</c>, width and precision (also <c>*</c>). A verb that does not suit its argument, a missing or
/// an extra argument is written inline as Go writes it (<c>%!d(string=abc)</c>, <c>%!s(MISSING)</c>), not thrown.
/// </summary>
internal static class GoPrintf
{
    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var output = new StringBuilder();
        var next = 0;
        var i = 0;
        while (i < format.Length)
        {
            var percent = format.IndexOf('%', i);
            if (percent < 0)
            {
                output.Append(format, i, format.Length - i);
                break;
            }
            output.Append(format, i, percent - i);
            i = FormatDirective(format, percent + 1, args, ref next, output);
        }
        if (next < args.Count) AppendExtra(output, args, next);
        return output.ToString();
    }

    /// <summary>Formats the directive after a '%' at <paramref name="at"/>; returns where the text continues.</summary>
    private static int FormatDirective(string format, int at, IReadOnlyList<object?> args, ref int next, StringBuilder output)
    {
        var spec = new Spec();
        at = ReadFlags(format, at, ref spec);
        at = ReadNumber(format, at, args, ref next, out spec.Width);
        if (at < format.Length && format[at] == '.')
        {
            at = ReadNumber(format, at + 1, args, ref next, out var precision);
            spec.Precision = precision ?? 0;
        }
        if (at >= format.Length)
        {
            output.Append("%!(NOVERB)");
            return at;
        }
        var verb = format[at];
        if (verb == '%')
        {
            output.Append('%');
            return at + 1;
        }
        if (next >= args.Count)
        {
            output.Append("%!").Append(verb).Append("(MISSING)");
            return at + 1;
        }
        output.Append(FormatValue(args[next++], verb, spec));
        return at + 1;
    }

    private static int ReadFlags(string format, int at, ref Spec spec)
    {
        for (; at < format.Length; at++)
        {
            switch (format[at])
            {
                case '-': spec.Minus = true; break;
                case '+': spec.Plus = true; break;
                case ' ': spec.Space = true; break;
                case '0': spec.Zero = true; break;
                case '#': break;
                default: return at;
            }
        }
        return at;
    }

    private static int ReadNumber(string format, int at, IReadOnlyList<object?> args, ref int next, out int? number)
    {
        number = null;
        if (at < format.Length && format[at] == '*')
        {
            number = next < args.Count && args[next] is long star ? (int)Math.Clamp(star, 0, 1_000_000) : 0;
            next++;
            return at + 1;
        }
        var start = at;
        while (at < format.Length && char.IsAsciiDigit(format[at])) at++;
        if (at > start) number = int.Parse(format.AsSpan(start, at - start), CultureInfo.InvariantCulture);
        return at;
    }

    private static string FormatValue(object? value, char verb, Spec spec) => value switch
    {
        string text => FormatString(text, verb, spec),
        long integer => FormatInteger(integer, verb, spec),
        double number => FormatDouble(number, verb, spec),
        bool flag when verb is 'v' or 't' => Pad(flag ? "true" : "false", spec),
        null when verb == 'v' => Pad("<nil>", spec),
        null => $"%!{verb}(<nil>)",
        _ when verb is 'v' or 's' => Pad(TemplateValues.Print(value), spec),
        _ => BadVerb(value, verb),
    };

    private static string FormatString(string text, char verb, Spec spec)
    {
        if (spec.Precision is { } precision && precision < text.Length) text = text[..precision];
        return verb switch
        {
            'v' or 's' => Pad(text, spec),
            'q' => Pad(GoQuote(text), spec),
            'x' => Pad(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)), spec),
            'X' => Pad(Convert.ToHexString(Encoding.UTF8.GetBytes(text)), spec),
            _ => BadVerb(text, verb),
        };
    }

    private static string FormatInteger(long value, char verb, Spec spec)
    {
        // Int128 so that long.MinValue has a magnitude.
        var absolute = Int128.Abs(value);
        var magnitude = verb switch
        {
            'v' or 'd' => absolute.ToString(CultureInfo.InvariantCulture),
            'x' => absolute.ToString("x", CultureInfo.InvariantCulture),
            'X' => absolute.ToString("X", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (magnitude is null) return BadVerb(value, verb);
        if (spec.Precision is { } digits && magnitude.Length < digits) magnitude = new string('0', digits - magnitude.Length) + magnitude;
        return PadNumber(value < 0, magnitude, spec);
    }

    private static string FormatDouble(double value, char verb, Spec spec)
    {
        var text = verb switch
        {
            'v' or 'g' => GoFloat.FormatG(value, spec.Precision ?? -1),
            'G' => GoFloat.FormatG(value, spec.Precision ?? -1).Replace('e', 'E'),
            'e' => GoFloat.FormatE(value, spec.Precision ?? 6),
            'E' => GoFloat.FormatE(value, spec.Precision ?? 6).Replace('e', 'E'),
            'f' or 'F' => GoFloat.FormatF(value, spec.Precision ?? 6),
            _ => null,
        };
        if (text is null) return BadVerb(value, verb);
        // Go never pads NaN and infinities with zeros, and writes them the same for every float verb.
        if (!double.IsFinite(value)) return Pad(GoFloat.Format(value), spec with { Zero = false });
        var negative = text.StartsWith('-');
        return PadNumber(negative, negative ? text[1..] : text, spec);
    }

    /// <summary>Sign (when negative or asked for), then zeros or spaces to the width, as Go pads numbers.</summary>
    private static string PadNumber(bool negative, string magnitude, Spec spec)
    {
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        if (spec.Zero && !spec.Minus && spec.Width is { } width && sign.Length + magnitude.Length < width)
            return sign + new string('0', width - sign.Length - magnitude.Length) + magnitude;
        return Pad(sign + magnitude, spec);
    }

    private static string Pad(string text, Spec spec)
    {
        if (spec.Width is not { } width || text.Length >= width) return text;
        return spec.Minus ? text.PadRight(width) : text.PadLeft(width);
    }

    private static string BadVerb(object? value, char verb) => $"%!{verb}({TemplateValues.GoTypeName(value)}={TemplateValues.Print(value)})";

    private static void AppendExtra(StringBuilder output, IReadOnlyList<object?> args, int from)
    {
        output.Append("%!(EXTRA ");
        for (var i = from; i < args.Count; i++)
        {
            if (i > from) output.Append(", ");
            output.Append(TemplateValues.GoTypeName(args[i])).Append('=').Append(TemplateValues.Print(args[i]));
        }
        output.Append(')');
    }

    /// <summary>strconv.Quote: a double-quoted string with Go escapes for quotes, backslashes and control characters.</summary>
    public static string GoQuote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ' or '\x7f': quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: quoted.Append(c); break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>A directive's flags, width and precision.</summary>
    private struct Spec
    {
        public bool Minus, Plus, Space, Zero;
        public int? Width, Precision;
    }
}
