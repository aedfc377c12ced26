using Microsoft.AspNetCore.Http;

namespace OllyStack.Query.Api.Loki;

/// <summary>Loki answers errors as plain text with the status code; Grafana shows the text as it is.</summary>
public static class LokiErrors
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
