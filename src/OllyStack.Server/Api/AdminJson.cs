using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OllyStack.ControlPlane;

namespace OllyStack.Server.Api;

/// <summary>Bodies and answers of the admin API: <c>{"status":"success","data":...}</c>, control-plane refusals as 400/404/409.</summary>
public static class AdminJson
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Writes the answer, built in memory first (admin answers are small) so nothing is sent if building it throws.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WritePropertyName("data");
            writeData(json);
            json.WriteEndObject();
        }
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The request body as JSON, or null after answering 400/413; an empty body reads as <c>{}</c>.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await ApiErrors.WriteAsync(context, 413, "bad_data", $"the body is larger than {MaxBodyBytes} bytes");
            return null;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            await ApiErrors.WriteAsync(context, 413, "bad_data", $"the body is larger than {MaxBodyBytes} bytes");
            return null;
        }
        if (buffer.Length == 0) return JsonDocument.Parse("{}");
        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            await ApiErrors.WriteAsync(context, 400, "bad_data", $"the body is not valid JSON: {e.Message}");
            return null;
        }
    }

    public static Task RefuseAsync(HttpContext context, ControlPlaneException e) => e.Error switch
    {
        ControlPlaneError.NotFound => ApiErrors.WriteAsync(context, 404, "not_found", e.Message),
        ControlPlaneError.Conflict => ApiErrors.WriteAsync(context, 409, "conflict", e.Message),
        _ => ApiErrors.WriteAsync(context, 400, "bad_data", e.Message),
    };
}
