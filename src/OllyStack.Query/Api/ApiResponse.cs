using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OllyStack.Query.Api;

/// <summary>The Prometheus HTTP API envelope: <c>{"status":"success","data":...}</c> or an error with its type.</summary>
public static class ApiResponse
{
    public static Task SuccessAsync(HttpContext context, Action<Utf8JsonWriter> writeData) =>
        SuccessAsync(context, (json, _) =>
        {
            writeData(json);
            return ValueTask.CompletedTask;
        });

    /// <summary>
    /// As above, for data that may be large: <paramref name="writeData"/> may call the flush it is given between
    /// items, which sends what it has written so far.
    /// </summary>
    public static async Task SuccessAsync(HttpContext context, Func<Utf8JsonWriter, Func<ValueTask>, ValueTask> writeData)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WritePropertyName("data");
        await writeData(json, async () =>
        {
            json.Flush();
            await body.FlushAsync(context.RequestAborted);
        });
        json.WriteEndObject();
        json.Flush();
    }

    public static async Task ErrorAsync(HttpContext context, ApiException error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "error");
        json.WriteString("errorType", error.ErrorType);
        json.WriteString("error", error.Message);
        json.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    public static void WriteLabels(Utf8JsonWriter json, IEnumerable<(string Name, string Value)> labels)
    {
        json.WriteStartObject();
        foreach (var (name, value) in labels) json.WriteString(name, value);
        json.WriteEndObject();
    }
}
