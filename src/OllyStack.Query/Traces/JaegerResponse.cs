using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OllyStack.Query.Api;

namespace OllyStack.Query.Traces;

/// <summary>
/// The envelope of Jaeger's query service: <c>{"data": ..., "total": N, "limit": 0, "offset": 0, "errors": null}</c>,
/// or on failure <c>data</c> null and <c>errors</c> a list of <c>{"code", "msg"}</c>.
/// </summary>
public static class JaegerResponse
{
    public static async Task SuccessAsync(HttpContext context, int total, Action<Utf8JsonWriter> writeData)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WritePropertyName("data");
        writeData(json);
        WriteTail(json, total);
        json.WriteNull("errors");
        json.WriteEndObject();
    }

    public static async Task ErrorAsync(HttpContext context, ApiException error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteNull("data");
        WriteTail(json, 0);
        json.WriteStartArray("errors");
        json.WriteStartObject();
        json.WriteNumber("code", error.StatusCode);
        json.WriteString("msg", error.Message);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Jaeger answers every list whole: limit and offset are always 0.</summary>
    private static void WriteTail(Utf8JsonWriter json, int total)
    {
        json.WriteNumber("total", total);
        json.WriteNumber("limit", 0);
        json.WriteNumber("offset", 0);
    }
}
