using System.Globalization;
using System.Text;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>
/// Go's <c>printf</c> for the verbs templates use: <c>%s %v %d %f %e %g %q %x %X %t %%</c> with flags <c>-</c>,
/// <c>0</c>, <c>+</c>, a width and a precision. A verb that does not fit its argument prints Go's
/// <c>%!d(string=abc)</c>; a missing argument <c>%!d(MISSING)</c>.
/// </summary>
internal static class GoPrintf
{
    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }
            var spec = ReadSpec(format, ref i);
            if (spec.Verb == '%') text.Append('%');
            else if (spec.Verb == '\0') text.Append("%!(NOVERB)");
            else if (next >= args.Count) text.Append("%!").Append(spec.Verb).Append("(MISSING)");
            else text.Append(Pad(FormatOne(spec, args[next++]), spec));
        }
        return text.ToString();
    }

    private readonly record struct Spec(bool Left, bool Zero, bool Plus, int Width, int Precision, char Verb);

    private static Spec ReadSpec(string format, ref int i)
    {
        bool left = false, zero = false, plus = false;
        i++;
        for (; i < format.Length && format[i] is '-' or '0' or '+' or ' ' or '#'; i++)
        {
            if (format[i] == '-') left = true;
            else if (format[i] == '0') zero = true;
            else if (format[i] == '+') plus = true;
        }
        var width = ReadNumber(format, ref i);
        var precision = -1;
        if (i < format.Length && format[i] == '.')
        {
            i++;
            precision = Math.Max(0, ReadNumber(format, ref i));
        }
        var verb = i < format.Length ? format[i] : '\0';
        return new Spec(left, zero, plus, width, precision, verb);
    }

    private static int ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i])) i++;
        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : -1;
    }

    private static string FormatOne(Spec spec, object? arg) => (spec.Verb, arg) switch
    {
        ('v', _) => TemplateValues.ToText(arg),
        ('s', string s) => spec.Precision >= 0 && spec.Precision < s.Length ? s[..spec.Precision] : s,
        ('q', string s) => PromQL.StringQuoting.Quote(s),
        ('d', long l) => Signed(l.ToString(CultureInfo.InvariantCulture), l >= 0, spec),
        ('x', long l) => l.ToString("x", CultureInfo.InvariantCulture),
        ('X', long l) => l.ToString("X", CultureInfo.InvariantCulture),
        ('x', string s) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
        ('f' or 'F', double or long) => Signed(TemplateValues.ToDouble(arg).ToString("F" + (spec.Precision < 0 ? 6 : spec.Precision), CultureInfo.InvariantCulture), TemplateValues.ToDouble(arg) >= 0, spec),
        ('e', double or long) => GoExponent(TemplateValues.ToDouble(arg), spec.Precision < 0 ? 6 : spec.Precision),
        ('g', double or long) => TemplateValues.FormatFloat(TemplateValues.ToDouble(arg)),
        ('t', bool b) => b ? "true" : "false",
        ('s' or 'q', _) when arg is not string => TemplateValues.ToText(arg),
        _ => $"%!{spec.Verb}({TemplateValues.TypeName(arg)}={TemplateValues.ToText(arg)})",
    };

    private static string Signed(string text, bool positive, Spec spec) => spec.Plus && positive ? "+" + text : text;

    private static string GoExponent(double value, int precision)
    {
        var text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        var power = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return text[..e] + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Pad(string text, Spec spec)
    {
        if (spec.Width <= text.Length) return text;
        if (spec.Left) return text.PadRight(spec.Width);
        if (!spec.Zero || spec.Verb is 's' or 'q' or 'v' or 't') return text.PadLeft(spec.Width);
        var sign = text.Length > 0 && text[0] is '-' or '+' ? text[..1] : "";
        return sign + text[sign.Length..].PadLeft(spec.Width - sign.Length, '0');
    }
}
