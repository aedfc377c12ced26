using System.Globalization;
using System.Text.Json;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>The JSON pieces Alertmanager's payloads share: label objects and Go's RFC 3339 times.</summary>
internal static class AlertJson
{
    /// <summary>Go's zero time, which Alertmanager sends as the end of an alert that still fires.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public static void WriteLabels(Utf8JsonWriter json, string property, Labels labels)
    {
        json.WriteStartObject(property);
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
    }

    /// <summary>RFC 3339 in UTC with as many fraction digits as needed, as Go's RFC3339Nano writes it.</summary>
    public static string Time(DateTimeOffset? time) => time is { } value
        ? value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : ZeroTime;

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return buffer.WrittenSpan.ToArray();
    }
}
