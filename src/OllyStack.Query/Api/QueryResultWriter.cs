using System.Text.Json;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Api;

/// <summary>Writes a query result as the Prometheus API's <c>{"resultType":..., "result":...}</c>.</summary>
public static class QueryResultWriter
{
    /// <summary>Written bytes a matrix holds back before it has them sent: a 24-hour panel's answer runs to tens of megabytes.</summary>
    private const int FlushBytes = 64 * 1024;

    /// <summary>
    /// Writes <paramref name="value"/>, calling <paramref name="flush"/> between a matrix's series whenever enough is
    /// written, so a large answer goes out as it is written instead of being held whole.
    /// </summary>
    /// <param name="writeMore">Writes more properties of the object after the result (Loki's <c>stats</c>).</param>
    public static async ValueTask WriteAsync(Utf8JsonWriter json, QueryValue value, Func<ValueTask> flush, Action<Utf8JsonWriter>? writeMore = null)
    {
        using var points = new PointsJson();
        json.WriteStartObject();
        switch (value)
        {
            case VectorValue vector:
                json.WriteString("resultType", "vector");
                json.WriteStartArray("result");
                foreach (var sample in vector.Samples)
                {
                    json.WriteStartObject();
                    WriteMetric(json, sample.Labels);
                    json.WritePropertyName("value");
                    json.WriteRawValue(points.Format(vector.TimestampMs, sample.Value), skipInputValidation: true);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            case MatrixValue matrix:
                json.WriteString("resultType", "matrix");
                json.WriteStartArray("result");
                var flushedAt = 0L;
                foreach (var series in matrix.Series)
                {
                    WriteSeries(json, series, points);
                    // Committed bytes count too: a writer into a pipe hands each segment over as it fills it.
                    var written = json.BytesCommitted + json.BytesPending;
                    if (written - flushedAt < FlushBytes) continue;
                    await flush();
                    flushedAt = written;
                }
                json.WriteEndArray();
                break;
            case ScalarValue scalar:
                json.WriteString("resultType", "scalar");
                json.WritePropertyName("result");
                json.WriteRawValue(points.Format(scalar.TimestampMs, scalar.Value), skipInputValidation: true);
                break;
            case StringValue text:
                json.WriteString("resultType", "string");
                json.WriteStartArray("result");
                json.WriteNumberValue(PrometheusFloat.Seconds(text.TimestampMs));
                json.WriteStringValue(text.Value);
                json.WriteEndArray();
                break;
        }
        writeMore?.Invoke(json);
        json.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter json, Series series, PointsJson points)
    {
        json.WriteStartObject();
        WriteMetric(json, series.Labels);
        json.WritePropertyName("values");
        json.WriteRawValue(points.Format(series.Points), skipInputValidation: true);
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, Labels labels)
    {
        json.WriteStartObject("metric");
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
    }
}
