using System.Text;
using System.Text.Json;
using OllyStack.Query.Api;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.Api;

public sealed class PointsJsonTests
{
    [Fact]
    public void PointsAreTheArrayAJsonWriterWouldWriteValueByValue()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 3_000)
            .Select(i => new Point(1_795_000_000_000L + i * 15_250L, Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 23)), random.Next(0, 6))))
            .Concat([new Point(0, double.NaN), new Point(1, double.PositiveInfinity), new Point(10, double.NegativeInfinity), new Point(-1_500, 1e300), new Point(-7, double.MaxValue)])
            .ToList();
        using var formatter = new PointsJson();

        using var written = JsonDocument.Parse(formatter.Format(points).ToArray());

        // Compared as JSON: a writer escapes '+' in "+Inf", which the raw array writes plainly, as Prometheus does.
        using var expected = JsonDocument.Parse(ValueByValue(points));
        Assert.Equal(Pairs(expected.RootElement), Pairs(written.RootElement));
    }

    [Fact]
    public void NoPointsIsAnEmptyArray()
    {
        using var formatter = new PointsJson();

        Assert.Equal("[]", Encoding.UTF8.GetString(formatter.Format([])));
    }

    [Fact]
    public void ABufferReusedForAShorterSeriesHoldsOnlyThatSeries()
    {
        using var formatter = new PointsJson();
        formatter.Format(Enumerable.Range(0, 5_000).Select(i => new Point(i * 1000L, i)).ToList());

        Assert.Equal("[[1.5,\"-0.25\"]]", Encoding.UTF8.GetString(formatter.Format([new Point(1_500, -0.25)])));
    }

    [Fact]
    public void OnePointIsThePairASeriesOfItWouldHold()
    {
        using var formatter = new PointsJson();

        Assert.Equal("[1.5,\"+Inf\"]", Encoding.UTF8.GetString(formatter.Format(1_500, double.PositiveInfinity)));
        Assert.Equal("[[1.5,\"+Inf\"]]", Encoding.UTF8.GetString(formatter.Format([new Point(1_500, double.PositiveInfinity)])));
    }

    private static List<(string Seconds, string? Value)> Pairs(JsonElement array) =>
        array.EnumerateArray().Select(point => (point[0].GetRawText(), point[1].GetString())).ToList();

    private static string ValueByValue(IReadOnlyList<Point> points)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var point in points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(PrometheusFloat.Seconds(point.TimestampMs));
                json.WriteStringValue(PrometheusFloat.Format(point.Value));
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
