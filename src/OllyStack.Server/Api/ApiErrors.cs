using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OllyStack.Server.Api;

/// <summary>Errors in the Prometheus API shape: {"status":"error","errorType":...,"error":...}.</summary>
public static class ApiErrors
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string errorType, string message)
    {
        context.Response.StatusCode = statusCode;
        if (statusCode == 401) context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "error");
        json.WriteString("errorType", errorType);
        json.WriteString("error", message);
        json.WriteEndObject();
    }
}
