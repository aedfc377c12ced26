using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>A series as Grafana turns it into a data frame: its labels and its (time, value) points.</summary>
internal sealed record FrameSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(double Time, double Value)> Points);

/// <summary>
/// Asserts a reply has the shape Grafana's Prometheus data source reads, and returns what it would read. Grafana's
/// parser wants the envelope <c>{"status":"success","data":...}</c>; a <c>resultType</c> it knows; points as
/// <c>[unix seconds as a JSON number, value as a string Go's ParseFloat accepts]</c>; <c>metric</c> objects whose
/// values are strings; label names and values as arrays of strings; errors as <c>errorType</c> plus <c>error</c>.
/// </summary>
internal static class GrafanaShapes
{
    private static readonly string[] MetadataTypes = ["counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"];

    /// <summary>A successful reply's <c>data</c>.</summary>
    public static JsonElement Data(PrometheusReply reply)
    {
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)reply.StatusCode}: {reply.Body}");
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("success", reply.Body.GetProperty("status").GetString());
        return reply.Body.GetProperty("data");
    }

    /// <summary>An error reply as Grafana shows it: "errorType: error".</summary>
    public static string Error(PrometheusReply reply, HttpStatusCode expected, string errorType)
    {
        Assert.Equal(expected, reply.StatusCode);
        Assert.Equal("error", reply.Body.GetProperty("status").GetString());
        Assert.Equal(errorType, reply.Body.GetProperty("errorType").GetString());
        var message = reply.Body.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return $"{errorType}: {message}";
    }

    public static (double Time, double Value) Scalar(JsonElement data)
    {
        Assert.Equal("scalar", ResultType(data));
        return Point(data.GetProperty("result"));
    }

    /// <summary>An instant vector: one sample per series, each at the query's evaluation time.</summary>
    public static List<FrameSeries> Vector(JsonElement data)
    {
        Assert.Equal("vector", ResultType(data));
        return data.GetProperty("result").EnumerateArray()
            .Select(series => new FrameSeries(Metric(series), [Point(series.GetProperty("value"))]))
            .ToList();
    }

    /// <summary>A range result: per series, points in strictly ascending time.</summary>
    public static List<FrameSeries> Matrix(JsonElement data)
    {
        Assert.Equal("matrix", ResultType(data));
        var frames = new List<FrameSeries>();
        foreach (var series in data.GetProperty("result").EnumerateArray())
        {
            var points = series.GetProperty("values").EnumerateArray().Select(Point).ToList();
            Assert.NotEmpty(points);
            for (var i = 1; i < points.Count; i++) Assert.True(points[i].Time > points[i - 1].Time, $"points out of order: {series}");
            frames.Add(new FrameSeries(Metric(series), points));
        }
        return frames;
    }

    /// <summary>Label names or values: strings, each once, sorted by byte order as Prometheus sorts them.</summary>
    public static List<string> SortedStrings(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        var values = data.EnumerateArray().Select(e =>
        {
            Assert.Equal(JsonValueKind.String, e.ValueKind);
            return e.GetString()!;
        }).ToList();
        Assert.Equal(values.Order(StringComparer.Ordinal).Distinct(), values);
        return values;
    }

    /// <summary>The series endpoint's label sets.</summary>
    public static List<IReadOnlyDictionary<string, string>> LabelSets(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        return data.EnumerateArray().Select(Labels).ToList();
    }

    /// <summary>The metadata endpoint: per metric family, a list of {type, help, unit}; returns each family's first entry.</summary>
    public static Dictionary<string, (string Type, string Help, string Unit)> Metadata(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        var families = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (var family in data.EnumerateObject())
        {
            var entry = Assert.Single(family.Value.EnumerateArray());
            var type = entry.GetProperty("type").GetString()!;
            Assert.Contains(type, MetadataTypes);
            families[family.Name] = (type, entry.GetProperty("help").GetString()!, entry.GetProperty("unit").GetString()!);
        }
        return families;
    }

    private static string? ResultType(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        return data.GetProperty("resultType").GetString();
    }

    private static IReadOnlyDictionary<string, string> Metric(JsonElement series) => Labels(series.GetProperty("metric"));

    private static IReadOnlyDictionary<string, string> Labels(JsonElement labels)
    {
        Assert.Equal(JsonValueKind.Object, labels.ValueKind);
        return labels.EnumerateObject().ToDictionary(l =>
        {
            Assert.Equal(JsonValueKind.String, l.Value.ValueKind);
            return l.Name;
        }, l => l.Value.GetString()!, StringComparer.Ordinal);
    }

    private static (double Time, double Value) Point(JsonElement pair)
    {
        Assert.Equal(JsonValueKind.Array, pair.ValueKind);
        Assert.Equal(2, pair.GetArrayLength());
        Assert.Equal(JsonValueKind.Number, pair[0].ValueKind);
        Assert.Equal(JsonValueKind.String, pair[1].ValueKind);
        return (pair[0].GetDouble(), GoFloat(pair[1].GetString()!));
    }

    /// <summary>What Go's <c>strconv.ParseFloat</c> accepts of what Prometheus writes: decimals, "NaN", "+Inf", "-Inf".</summary>
    private static double GoFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture),
    };
}
