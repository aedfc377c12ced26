using System.Globalization;
using System.Text;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Floats as Go's strconv and fmt write them (<c>%e</c>, <c>%f</c>, <c>%g</c>, and <c>%v</c>, which is <c>%g</c> with the
/// fewest digits that round-trip), so rendered annotations read exactly as they do in Prometheus: <c>1e+06</c>, not
/// <c>1E+06</c> or <c>1000000</c>. .NET supplies the digits — exact, and rounded half to even like Go — and this class
/// lays them out Go's way.
/// </summary>
internal static class GoFloat
{
    /// <summary><c>%v</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e+06 (Go's fixed threshold).</summary>
    public static string Format(double value) => FormatG(value, -1);

    /// <summary><c>%.{precision}e</c>, or with <paramref name="precision"/> -1 the shortest digits (<c>strconv 'e', -1</c>).</summary>
    public static string FormatE(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        var digits = precision < 0 ? Digits.Shortest(value) : Digits.Significant(value, precision + 1);
        return digits.LayOutE(precision < 0 ? Math.Max(digits.Count - 1, 0) : precision);
    }

    /// <summary><c>%.{precision}f</c>, or with <paramref name="precision"/> -1 the shortest digits in plain notation.</summary>
    public static string FormatF(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        var digits = precision < 0 ? Digits.Shortest(value) : Digits.Fixed(value, precision);
        return digits.LayOutF(precision < 0 ? Math.Max(digits.Count - digits.Point, 0) : precision);
    }

    /// <summary><c>%.{precision}g</c>, or with <paramref name="precision"/> -1 the shortest digits (<c>%g</c>, <c>%v</c>).</summary>
    public static string FormatG(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        var shortest = precision < 0;
        if (precision == 0) precision = 1;
        var digits = shortest ? Digits.Shortest(value) : Digits.Significant(value, precision);
        if (shortest) precision = digits.Count;
        // Go's choice between the two layouts (strconv/ftoa.go): trailing zeros never shown, and with the shortest
        // digits the exponent form starts at 1e+06 whatever the digit count.
        var exponentFrom = precision;
        if (exponentFrom > digits.Count && digits.Count >= digits.Point) exponentFrom = digits.Count;
        if (shortest) exponentFrom = 6;
        var exponent = digits.Point - 1;
        if (exponent < -4 || exponent >= exponentFrom) return digits.LayOutE(Math.Min(precision, digits.Count) - 1);
        if (precision > digits.Point) precision = digits.Count;
        return digits.LayOutF(Math.Max(precision - digits.Point, 0));
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    /// <summary>
    /// A finite value as decimal digits without leading or trailing zeros and the place of the decimal point:
    /// value = 0.<see cref="Text"/> × 10^<see cref="Point"/> (Go's decimalSlice). Zero has no digits.
    /// </summary>
    private readonly record struct Digits(bool Negative, string Text, int Point)
    {
        public int Count => Text.Length;

        public static Digits Shortest(double value) => Parse(value, value.ToString("R", CultureInfo.InvariantCulture));

        public static Digits Significant(double value, int count) =>
            Parse(value, value.ToString("E" + (count - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

        public static Digits Fixed(double value, int fractionDigits) =>
            Parse(value, value.ToString("F" + fractionDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

        /// <summary>Reads .NET's "-123.45", "1.5E+023" or "1E-05" (the sign is taken from the value, so -0 keeps it).</summary>
        private static Digits Parse(double value, string text)
        {
            var body = text.TrimStart('-');
            var exponentAt = body.IndexOf('E');
            var exponent = exponentAt < 0 ? 0 : int.Parse(body.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = exponentAt < 0 ? body : body[..exponentAt];
            var pointAt = mantissa.IndexOf('.');
            var all = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
            var point = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
            var leadingZeros = all.Length - all.TrimStart('0').Length;
            var significant = all.Trim('0');
            return significant.Length == 0
                ? new Digits(double.IsNegative(value), "", 0)
                : new Digits(double.IsNegative(value), significant, point - leadingZeros);
        }

        /// <summary>Go's fmtE: d.ddd followed by e±dd, with exactly <paramref name="precision"/> decimals.</summary>
        public string LayOutE(int precision)
        {
            var text = new StringBuilder();
            if (Negative) text.Append('-');
            text.Append(Count > 0 ? Text[0] : '0');
            if (precision > 0)
            {
                text.Append('.');
                var available = Math.Min(Count, precision + 1);
                if (available > 1) text.Append(Text, 1, available - 1);
                text.Append('0', precision - Math.Max(available - 1, 0));
            }
            var exponent = Count == 0 ? 0 : Point - 1;
            text.Append('e').Append(exponent < 0 ? '-' : '+');
            var magnitude = Math.Abs(exponent);
            if (magnitude < 10) text.Append('0');
            return text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).ToString();
        }

        /// <summary>Go's fmtF: the integer digits (at least "0"), then exactly <paramref name="precision"/> decimals.</summary>
        public string LayOutF(int precision)
        {
            var text = new StringBuilder();
            if (Negative) text.Append('-');
            if (Point > 0)
            {
                var integerDigits = Math.Min(Count, Point);
                text.Append(Text, 0, integerDigits).Append('0', Point - integerDigits);
            }
            else text.Append('0');
            if (precision <= 0) return text.ToString();
            text.Append('.');
            for (var i = 0; i < precision; i++)
            {
                var at = Point + i;
                text.Append(at >= 0 && at < Count ? Text[at] : '0');
            }
            return text.ToString();
        }
    }
}
