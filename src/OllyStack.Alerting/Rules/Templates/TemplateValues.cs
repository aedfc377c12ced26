using System.Globalization;
using System.Text;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// The values a template works with and Go's rules for them. A value is a <see cref="string"/>, a <see cref="double"/>
/// (Go float64), a <see cref="long"/> (Go int, from integer literals and <c>len</c>), a <see cref="bool"/>,
/// <see cref="Labels"/> (Go map[string]string), the <see cref="AlertTemplateData"/> root, or null (Go nil).
/// </summary>
internal static class TemplateValues
{
    /// <summary>fmt's <c>%v</c>: how <c>{{ x }}</c> and <c>print</c> write a value.</summary>
    public static string Print(object? value) => value switch
    {
        null => "<nil>",
        string text => text,
        double number => GoFloat.Format(number),
        long integer => integer.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Labels labels => PrintMap(labels),
        AlertTemplateData data => $"{{{PrintMap(data.Labels)} {PrintMap(data.ExternalLabels)} {data.ExternalUrl} {GoFloat.Format(data.Value)}}}",
        _ => value.ToString() ?? "",
    };

    /// <summary>The Go type name that fmt writes in <c>%!d(string=abc)</c> and errors name.</summary>
    public static string GoTypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        double => "float64",
        long => "int",
        bool => "bool",
        Labels => "map[string]string",
        _ => "struct",
    };

    /// <summary>Go templates' truth: false, 0, "", an empty map and nil are false; everything else is true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        double number => number != 0,
        long integer => integer != 0,
        Labels labels => labels.Count > 0,
        _ => true,
    };

    /// <summary>
    /// A number from a float, an integer or a numeric string, as Prometheus' humanize functions accept them.
    /// </summary>
    /// <exception cref="TemplateExecutionException">The value is not a number.</exception>
    public static double ToFloat(object? value) => value switch
    {
        double number => number,
        long integer => integer,
        string text when TryParseGoFloat(text, out var parsed) => parsed,
        string text => throw new TemplateExecutionException($"strconv.ParseFloat: parsing {GoPrintf.GoQuote(text)}: invalid syntax"),
        _ => throw new TemplateExecutionException($"can't convert {GoTypeName(value)} to float"),
    };

    public static string ToText(object? value, string function) => value as string
        ?? throw new TemplateExecutionException($"wrong type for value; expected string; got {GoTypeName(value)}", function);

    /// <summary>
    /// Go's <c>eq</c>: equal values of one kind. Unlike Go, an integer and a float compare as numbers, so
    /// <c>eq $value 1</c> works without writing <c>1.0</c>.
    /// </summary>
    public static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (string a, string b) => a == b,
        (bool a, bool b) => a == b,
        (long a, long b) => a == b,
        _ when IsNumber(left) && IsNumber(right) => ToFloat(left) == ToFloat(right),
        _ => throw new TemplateExecutionException("incompatible types for comparison"),
    };

    /// <summary>Go's <c>lt</c> and friends: strings by bytes, numbers by value (integers and floats mixed, unlike Go).</summary>
    public static int Compare(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (long a, long b) => a.CompareTo(b),
        _ when IsNumber(left) && IsNumber(right) => CompareFloats(ToFloat(left), ToFloat(right)),
        _ when IsComparable(left) && IsComparable(right) => throw new TemplateExecutionException("incompatible types for comparison"),
        _ => throw new TemplateExecutionException("invalid type for comparison"),
    };

    private static bool IsNumber(object? value) => value is double or long;

    private static bool IsComparable(object? value) => value is double or long or string;

    // Go's lt is false for NaN on either side, and so is gt: neither is "less".
    private static int CompareFloats(double a, double b) => a < b ? -1 : a > b ? 1 : 0;

    private static string PrintMap(Labels labels)
    {
        var text = new StringBuilder("map[");
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(labels[i].Name).Append(':').Append(labels[i].Value);
        }
        return text.Append(']').ToString();
    }

    /// <summary>strconv.ParseFloat's accepted forms, including "Inf", "+Inf", "NaN" and underscores-free decimals.</summary>
    private static bool TryParseGoFloat(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan": value = double.NaN; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
