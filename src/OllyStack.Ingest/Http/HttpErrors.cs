using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using OllyStack.Ingest.Otlp;

namespace OllyStack.Ingest.Http;

/// <summary>
/// Error responses: in OTLP's shape (a google.rpc.Status body in the request's encoding) for OTLP, as plain text for the
/// Prometheus and Loki push protocols, whose clients log the body as it is; Retry-After where retrying helps.
/// </summary>
public static class HttpErrors
{
    public static string ContentType(OtlpEncoding encoding) => encoding == OtlpEncoding.Json ? "application/json" : "application/x-protobuf";

    public static async Task<int> WriteAsync(HttpContext context, int statusCode, OtlpEncoding encoding, string message, TimeSpan retryAfter = default)
    {
        if (context.Response.HasStarted) return statusCode;
        context.Response.StatusCode = statusCode;
        SetRetryAfter(context.Response, retryAfter);
        if (statusCode == 401) context.Response.Headers.WWWAuthenticate = "Bearer";
        var status = new Rpc.Status { Code = GrpcCodeFor(statusCode), Message = message };
        context.Response.ContentType = ContentType(encoding);
        var payload = encoding == OtlpEncoding.Json
            ? System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(status))
            : status.ToByteArray();
        await context.Response.Body.WriteAsync(payload);
        return statusCode;
    }

    /// <summary>A plain-text error, as Prometheus remote write and Loki push clients expect.</summary>
    public static async Task<int> WritePlainAsync(HttpContext context, int statusCode, string message, TimeSpan retryAfter = default)
    {
        if (context.Response.HasStarted) return statusCode;
        context.Response.StatusCode = statusCode;
        SetRetryAfter(context.Response, retryAfter);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
        return statusCode;
    }

    /// <summary>Retry-After in whole seconds (at least 1) when there is a delay to ask for; nothing otherwise.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter)
    {
        if (retryAfter > TimeSpan.Zero)
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int GrpcCodeFor(int httpStatus) => httpStatus switch
    {
        400 or 413 or 415 => 3,  // INVALID_ARGUMENT
        401 => 16,               // UNAUTHENTICATED
        403 => 7,                // PERMISSION_DENIED
        429 => 8,                // RESOURCE_EXHAUSTED
        503 => 14,               // UNAVAILABLE
        _ => 13,                 // INTERNAL
    };
}
