using System.Globalization;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// The value notation of Prometheus test scripts: <c>1 2 3</c>; <c>a+bxN</c> and <c>a-bxN</c> for a then N steps of
/// ±b (N+1 values); <c>axN</c> for a repeated N+1 times; <c>_</c> for a missing sample, <c>_xN</c> for N of them;
/// <c>stale</c> for a stale marker. Null entries are missing samples.
/// </summary>
internal static class SeriesNotation
{
    public static readonly double StaleMarker = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    public static List<double?> Expand(string text)
    {
        var values = new List<double?>();
        foreach (var item in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (item == "_") { values.Add(null); continue; }
            if (item == "stale") { values.Add(StaleMarker); continue; }
            if (item.StartsWith("_x", StringComparison.Ordinal))
            {
                values.AddRange(Enumerable.Repeat<double?>(null, int.Parse(item[2..], CultureInfo.InvariantCulture)));
                continue;
            }
            var times = item.LastIndexOf('x');
            if (times < 0) { values.Add(ParseValue(item)); continue; }
            var count = int.Parse(item[(times + 1)..], CultureInfo.InvariantCulture);
            var body = item[..times];
            // The sign between start and increment is the first + or - that is not the start's own sign or exponent sign.
            var split = -1;
            for (var i = 1; i < body.Length; i++)
                if (body[i] is '+' or '-' && body[i - 1] is not ('e' or 'E')) { split = i; break; }
            var start = ParseValue(split < 0 ? body : body[..split]);
            var step = split < 0 ? 0 : ParseValue(body[split..]);
            for (var i = 0; i <= count; i++) values.Add(start + step * i);
        }
        return values;
    }

    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "Inf" or "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "stale" => StaleMarker,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
