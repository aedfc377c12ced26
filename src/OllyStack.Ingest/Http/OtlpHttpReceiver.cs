using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Http;

/// <summary>
/// OTLP/HTTP: POST /v1/metrics, /v1/logs, /v1/traces with protobuf or JSON bodies, optionally gzip. Answers
/// per the OTLP specification: 200 with an Export*ServiceResponse (partial success when records were
/// refused), 400 for bodies that do not decode, 401/403, 413, 415, and the retryable 429/503 with Retry-After.
/// </summary>
public sealed class OtlpHttpReceiver(OtlpIngestHandler handler, IngestOptions options)
{
    public async Task HandleAsync(HttpContext context, Signal signal)
    {
        var started = IngestMetrics.Begin();
        long bytes = 0;
        var code = 500;
        try
        {
            var encoding = EncodingOf(context.Request.ContentType);
            if (encoding is null)
            {
                code = await HttpErrors.WriteAsync(context, 415, OtlpEncoding.Json,
                    $"Content-Type '{context.Request.ContentType}' is not supported; send application/x-protobuf or application/json");
                return;
            }
            var admission = handler.Pipeline.Admit(Credentials.FromHeaders(context.Request.Headers.Authorization, context.Request.Headers[Credentials.KeyHeader]), signal);
            if (admission.Principal is null)
            {
                await handler.Pipeline.AuditRefusalAsync(admission, context);
                code = await HttpErrors.WriteAsync(context, admission.HttpStatus, encoding.Value, admission.Message!);
                return;
            }
            code = await ExportAsync(context, signal, encoding.Value, admission.Principal, b => bytes = b);
        }
        finally
        {
            IngestMetrics.End(started, signal, "otlp_http", code, bytes);
        }
    }

    private async Task<int> ExportAsync(HttpContext context, Signal signal, OtlpEncoding encoding, Principal principal, Action<long> countBytes)
    {
        PooledBody body;
        try
        {
            body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBytes, context.RequestAborted);
        }
        catch (IngestHttpException e)
        {
            IngestMetrics.RecordRejected(signal, principal.Tenant, e.StatusCode == 413 ? "too_large" : "malformed", 1);
            return await HttpErrors.WriteAsync(context, e.StatusCode, encoding, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return await HttpErrors.WriteAsync(context, e.StatusCode, encoding, e.Message);
        }
        using (body)
        {
            countBytes(body.Length);
            OtlpOutcome outcome;
            try
            {
                outcome = await handler.ExportAsync(principal, signal, encoding, body.Memory, context.RequestAborted);
            }
            catch (MalformedPayloadException e)
            {
                return await HttpErrors.WriteAsync(context, 400, encoding, e.Message);
            }
            return outcome.Result.Status switch
            {
                IngestStatus.Accepted => await WriteSuccessAsync(context, signal, encoding, outcome),
                IngestStatus.Throttled => await HttpErrors.WriteAsync(context, 429, encoding, outcome.Result.Message!, outcome.Result.RetryAfter),
                _ => await HttpErrors.WriteAsync(context, 503, encoding, outcome.Result.Message!, outcome.Result.RetryAfter),
            };
        }
    }

    private static async Task<int> WriteSuccessAsync(HttpContext context, Signal signal, OtlpEncoding encoding, OtlpOutcome outcome)
    {
        var payload = OtlpResponses.Encode(OtlpResponses.Export(signal, outcome.Rejected, outcome.RejectionMessage), encoding);
        context.Response.StatusCode = 200;
        context.Response.ContentType = HttpErrors.ContentType(encoding);
        await context.Response.Body.WriteAsync(payload);
        return 200;
    }

    /// <summary>The OTLP encoding for a Content-Type, ignoring parameters such as charset; null if unsupported.</summary>
    public static OtlpEncoding? EncodingOf(string? contentType)
    {
        if (contentType is null) return null;
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0) mediaType = mediaType[..semicolon];
        mediaType = mediaType.Trim();
        if (mediaType.Equals("application/x-protobuf", StringComparison.OrdinalIgnoreCase)) return OtlpEncoding.Protobuf;
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return OtlpEncoding.Json;
        return null;
    }
}
