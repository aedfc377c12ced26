using System.Globalization;
using System.Text.Json;

namespace OllyStack.EndToEnd.Compliance;

/// <summary>
/// Compares two Prometheus HTTP API answers the way the compliance tester does: same status, same result type,
/// same set of label sets (order ignored), same timestamps, values equal within a relative 1e-6 with NaN equal to
/// NaN and infinities equal by sign. Returns null when they agree, else a one-line description of the first difference.
/// </summary>
internal static class QueryResultComparison
{
    private const double RelativeTolerance = 1e-6;

    public static string? Difference(JsonElement expected, JsonElement actual)
    {
        var expectedStatus = expected.GetProperty("status").GetString();
        var actualStatus = actual.GetProperty("status").GetString();
        if (expectedStatus != actualStatus)
            return $"status {expectedStatus} vs {actualStatus} ({Error(expected)}{Error(actual)})";
        if (expectedStatus != "success") return null;

        var expectedData = expected.GetProperty("data");
        var actualData = actual.GetProperty("data");
        var type = expectedData.GetProperty("resultType").GetString();
        if (type != actualData.GetProperty("resultType").GetString())
            return $"resultType {type} vs {actualData.GetProperty("resultType").GetString()}";
        var left = expectedData.GetProperty("result");
        var right = actualData.GetProperty("result");
        return type switch
        {
            "scalar" or "string" => PointDifference("", left, right),
            "vector" => SeriesDifference(left, right, "value"),
            "matrix" => SeriesDifference(left, right, "values"),
            _ => $"unknown resultType {type}",
        };
    }

    private static string Error(JsonElement answer) =>
        answer.TryGetProperty("error", out var error) ? $" [{error.GetString()}]" : "";

    private static string? SeriesDifference(JsonElement expected, JsonElement actual, string pointsProperty)
    {
        var left = BySeries(expected);
        var right = BySeries(actual);
        if (left is null || right is null) return "duplicate label sets in a result";
        foreach (var labels in left.Keys.Except(right.Keys)) return $"missing series {labels} ({left.Count} vs {right.Count} series)";
        foreach (var labels in right.Keys.Except(left.Keys)) return $"extra series {labels} ({left.Count} vs {right.Count} series)";
        foreach (var (labels, series) in left)
        {
            var other = right[labels];
            if (pointsProperty == "value")
            {
                if (PointDifference(labels, series.GetProperty("value"), other.GetProperty("value")) is { } pointDiff) return pointDiff;
                continue;
            }
            var points = series.GetProperty("values");
            var otherPoints = other.GetProperty("values");
            if (points.GetArrayLength() != otherPoints.GetArrayLength())
                return $"{labels}: {points.GetArrayLength()} vs {otherPoints.GetArrayLength()} points";
            for (var i = 0; i < points.GetArrayLength(); i++)
                if (PointDifference(labels, points[i], otherPoints[i]) is { } pointDiff) return pointDiff;
        }
        return null;
    }

    private static Dictionary<string, JsonElement>? BySeries(JsonElement result)
    {
        var bySeries = new Dictionary<string, JsonElement>();
        foreach (var series in result.EnumerateArray())
            if (!bySeries.TryAdd(Labels(series.GetProperty("metric")), series)) return null;
        return bySeries;
    }

    private static string Labels(JsonElement metric) =>
        "{" + string.Join(",", metric.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}=\"{p.Value.GetString()}\"")) + "}";

    private static string? PointDifference(string labels, JsonElement expected, JsonElement actual)
    {
        var expectedTime = expected[0].GetDouble();
        var actualTime = actual[0].GetDouble();
        if (Math.Abs(expectedTime - actualTime) > 0.0005) return $"{labels}: timestamp {expectedTime} vs {actualTime}";
        var left = expected[1].GetString()!;
        var right = actual[1].GetString()!;
        return ValuesEqual(left, right) ? null : $"{labels} at {expectedTime}: {left} vs {right}";
    }

    private static bool ValuesEqual(string expected, string actual)
    {
        if (!TryParse(expected, out var left) || !TryParse(actual, out var right)) return expected == actual;
        if (double.IsNaN(left) || double.IsNaN(right)) return double.IsNaN(left) && double.IsNaN(right);
        if (double.IsInfinity(left) || double.IsInfinity(right)) return left == right;
        return left == right || Math.Abs(left - right) <= RelativeTolerance * Math.Max(Math.Abs(left), Math.Abs(right));
    }

    private static bool TryParse(string text, out double value)
    {
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "+Inf" or "Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
