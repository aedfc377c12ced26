using System.Text.Json;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Api;

/// <summary>Writes a query result as the Prometheus API's <c>{"resultType":..., "result":...}</c>.</summary>
public static class QueryResultWriter
{
    public static void Write(Utf8JsonWriter json, QueryValue value)
    {
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
                    WritePoint(json, vector.TimestampMs, sample.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            case MatrixValue matrix:
                json.WriteString("resultType", "matrix");
                json.WriteStartArray("result");
                foreach (var series in matrix.Series)
                {
                    json.WriteStartObject();
                    WriteMetric(json, series.Labels);
                    json.WriteStartArray("values");
                    foreach (var point in series.Points) WritePoint(json, point.TimestampMs, point.Value);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            case ScalarValue scalar:
                json.WriteString("resultType", "scalar");
                json.WritePropertyName("result");
                WritePoint(json, scalar.TimestampMs, scalar.Value);
                break;
            case StringValue text:
                json.WriteString("resultType", "string");
                json.WriteStartArray("result");
                json.WriteNumberValue(PrometheusFloat.Seconds(text.TimestampMs));
                json.WriteStringValue(text.Value);
                json.WriteEndArray();
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, Labels labels)
    {
        json.WriteStartObject("metric");
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
    }

    /// <summary>One <c>[seconds, "value"]</c> pair, formatted on the stack: a 24-hour panel writes over a million of them.</summary>
    private static void WritePoint(Utf8JsonWriter json, long timestampMs, double value)
    {
        Span<byte> text = stackalloc byte[32];
        json.WriteStartArray();
        if (PrometheusFloat.TryFormatSeconds(timestampMs, text, out var written)) json.WriteRawValue(text[..written], skipInputValidation: true);
        else json.WriteNumberValue(PrometheusFloat.Seconds(timestampMs));
        if (PrometheusFloat.TryFormat(value, text, out written)) json.WriteStringValue(text[..written]);
        else json.WriteStringValue(PrometheusFloat.Format(value));
        json.WriteEndArray();
    }
}
