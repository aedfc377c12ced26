using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>A log line as Grafana's Loki parser frames it: its stream's labels, its time in nanoseconds and the line.</summary>
internal sealed record LogRow(IReadOnlyDictionary<string, string> Labels, long TimeUnixNano, string Line);

/// <summary>
/// Asserts a Loki reply has the shape Grafana's Loki data source reads, and returns what it would read. Grafana's Go
/// backend reads a query answer as a stream of tokens, in order: <c>status</c> must not be <c>error</c>, <c>data</c>
/// must give <c>resultType</c> before <c>result</c> (it picks the result's reader by it), a stream's
/// <c>values</c> must be exactly <c>[nanoseconds as a string, line]</c>, and matrices and vectors are read as
/// Prometheus' (<see cref="GrafanaShapes"/>). Label, series and statistics answers go to its browser code as they are;
/// errors are shown as their text.
/// </summary>
internal static class GrafanaLokiShapes
{
    /// <summary>A successful reply's <c>data</c>, read as Grafana reads it.</summary>
    public static JsonElement Data(LokiReply reply)
    {
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)reply.StatusCode}: {reply.Body}");
        Assert.Equal("application/json", reply.ContentType);
        var json = reply.Json;
        Assert.Equal("success", json.GetProperty("status").GetString());
        return json.GetProperty("data");
    }

    /// <summary>A query's data with <c>resultType</c> before <c>result</c>, the order Grafana's reader needs.</summary>
    public static JsonElement Result(JsonElement data, string resultType)
    {
        var names = data.EnumerateObject().Select(p => p.Name).ToList();
        var typeAt = names.IndexOf("resultType");
        Assert.True(typeAt >= 0 && typeAt < names.IndexOf("result"), $"resultType must come before result: {data}");
        Assert.Equal(resultType, data.GetProperty("resultType").GetString());
        return data;
    }

    /// <summary>A log query's lines, stream by stream in the order sent; within a stream, in the query's direction.</summary>
    public static List<LogRow> Streams(JsonElement data, string direction = "backward")
    {
        var rows = new List<LogRow>();
        foreach (var stream in Result(data, "streams").GetProperty("result").EnumerateArray())
        {
            var labels = Labels(stream.GetProperty("stream"));
            var times = new List<long>();
            foreach (var value in stream.GetProperty("values").EnumerateArray())
            {
                Assert.Equal(2, value.GetArrayLength());
                Assert.Equal(JsonValueKind.String, value[0].ValueKind);
                Assert.Equal(JsonValueKind.String, value[1].ValueKind);
                var nanos = long.Parse(value[0].GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
                times.Add(nanos);
                rows.Add(new LogRow(labels, nanos, value[1].GetString()!));
            }
            Assert.Equal(direction == "forward" ? times.Order() : times.OrderDescending(), times);
        }
        return rows;
    }

    /// <summary>The statistics Grafana shows under a log query's result (<c>data.stats.summary</c>).</summary>
    public static long TotalLinesProcessed(JsonElement data) =>
        data.GetProperty("stats").GetProperty("summary").GetProperty("totalLinesProcessed").GetInt64();

    /// <summary>A metric range query's series, read as Prometheus' (points ascending, values as strings).</summary>
    public static List<FrameSeries> Matrix(JsonElement data) => GrafanaShapes.Matrix(Result(data, "matrix"));

    /// <summary>A metric instant query's samples.</summary>
    public static List<FrameSeries> Vector(JsonElement data) => GrafanaShapes.Vector(Result(data, "vector"));

    /// <summary>The index statistics: a bare object of four whole numbers, which Grafana adds up over a query's selectors.</summary>
    public static (long Streams, long Chunks, long Bytes, long Entries) IndexStats(LokiReply reply)
    {
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)reply.StatusCode}: {reply.Body}");
        var json = reply.Json;
        long Number(string name)
        {
            Assert.Equal(JsonValueKind.Number, json.GetProperty(name).ValueKind);
            return json.GetProperty(name).GetInt64();
        }
        return (Number("streams"), Number("chunks"), Number("bytes"), Number("entries"));
    }

    /// <summary>An error as Grafana shows it: the body's text (Grafana takes a JSON body's <c>message</c> when there is one, else the text).</summary>
    public static string Error(LokiReply reply, HttpStatusCode expected)
    {
        Assert.Equal(expected, reply.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(reply.Body));
        return reply.Body.Trim();
    }

    private static IReadOnlyDictionary<string, string> Labels(JsonElement labels)
    {
        Assert.Equal(JsonValueKind.Object, labels.ValueKind);
        return labels.EnumerateObject().ToDictionary(l =>
        {
            Assert.Equal(JsonValueKind.String, l.Value.ValueKind);
            return l.Name;
        }, l => l.Value.GetString()!, StringComparer.Ordinal);
    }
}
