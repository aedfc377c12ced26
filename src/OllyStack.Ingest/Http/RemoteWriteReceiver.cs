using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Prometheus;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Http;

/// <summary>
/// Prometheus remote write 1.0: POST /api/v1/write, snappy block-compressed WriteRequest. 204 on success;
/// 4xx (not retried by Prometheus) for bad requests; 429/503 with Retry-After (retried).
/// </summary>
public sealed class RemoteWriteReceiver(OtlpIngestHandler handler, IngestOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = IngestMetrics.Begin();
        long bytes = context.Request.ContentLength ?? 0;
        var code = 500;
        try
        {
            code = await ReceiveAsync(context);
        }
        finally
        {
            IngestMetrics.End(started, Signal.Metrics, "prometheus_remote_write", code, bytes);
        }
    }

    private async Task<int> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        if (OtlpEncoding.Protobuf != OtlpHttpReceiver.EncodingOf(request.ContentType))
            return await PlainAsync(context, 415, $"Content-Type '{request.ContentType}' is not supported; remote write sends application/x-protobuf");
        var encoding = request.Headers.ContentEncoding.ToString();
        if (!encoding.Equals("snappy", StringComparison.OrdinalIgnoreCase))
            return await PlainAsync(context, 415, $"Content-Encoding '{encoding}' is not supported; remote write sends snappy");
        var admission = handler.Pipeline.Admit(Credentials.FromHeaders(request.Headers.Authorization, request.Headers[Credentials.KeyHeader]), Signal.Metrics);
        if (admission.Principal is null)
            return await PlainAsync(context, admission.Failure == AdmissionFailure.Forbidden ? 403 : 401, admission.Message!);
        PooledBody body;
        try
        {
            body = await RequestBodyReader.ReadSnappyAsync(request, options.MaxRequestBytes, context.RequestAborted);
        }
        catch (IngestHttpException e)
        {
            return await PlainAsync(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return await PlainAsync(context, e.StatusCode, e.Message);
        }
        using (body) return await AcceptAsync(context, admission.Principal, body);
    }

    private async Task<int> AcceptAsync(HttpContext context, Principal principal, PooledBody body)
    {
        var batch = (Core.Metrics.MetricBatch)BatchPool.Rent(Signal.Metrics);
        try
        {
            try
            {
                RemoteWriteDecoder.Decode(body.Span, batch);
            }
            catch (MalformedPayloadException e)
            {
                IngestMetrics.RecordRejected(Signal.Metrics, principal.Tenant, "malformed", 1);
                return await PlainAsync(context, 400, e.Message);
            }
            var result = await handler.Pipeline.AcceptAsync(principal, batch, context.RequestAborted);
            switch (result.Status)
            {
                case IngestStatus.Accepted:
                    IngestMetrics.RecordAccepted(Signal.Metrics, principal.Tenant, result.Records);
                    context.Response.StatusCode = 204;
                    return 204;
                case IngestStatus.Throttled:
                    IngestMetrics.RecordRejected(Signal.Metrics, principal.Tenant, "throttled", batch.RecordCount);
                    return await PlainAsync(context, 429, result.Message!, result.RetryAfter);
                default:
                    IngestMetrics.RecordRejected(Signal.Metrics, principal.Tenant, "unavailable", batch.RecordCount);
                    return await PlainAsync(context, 503, result.Message!, result.RetryAfter);
            }
        }
        finally
        {
            BatchPool.Return(batch);
        }
    }

    private static async Task<int> PlainAsync(HttpContext context, int statusCode, string message, TimeSpan retryAfter = default)
    {
        context.Response.StatusCode = statusCode;
        HttpErrors.SetRetryAfter(context.Response, retryAfter);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
        return statusCode;
    }
}
