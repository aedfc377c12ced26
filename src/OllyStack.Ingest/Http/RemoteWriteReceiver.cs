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
            return await HttpErrors.WritePlainAsync(context, 415, $"Content-Type '{request.ContentType}' is not supported; remote write sends application/x-protobuf");
        var encoding = request.Headers.ContentEncoding.ToString();
        if (!encoding.Equals("snappy", StringComparison.OrdinalIgnoreCase))
            return await HttpErrors.WritePlainAsync(context, 415, $"Content-Encoding '{encoding}' is not supported; remote write sends snappy");
        var admission = handler.Pipeline.Admit(Credentials.FromHeaders(request.Headers.Authorization, request.Headers[Credentials.KeyHeader]), Signal.Metrics);
        if (admission.Principal is null)
        {
            await handler.Pipeline.AuditRefusalAsync(admission, context);
            return await HttpErrors.WritePlainAsync(context, admission.HttpStatus, admission.Message!);
        }
        PooledBody body;
        try
        {
            body = await RequestBodyReader.ReadSnappyAsync(request, options.MaxRequestBytes, context.RequestAborted);
        }
        catch (IngestHttpException e)
        {
            return await HttpErrors.WritePlainAsync(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return await HttpErrors.WritePlainAsync(context, e.StatusCode, e.Message);
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
                return await HttpErrors.WritePlainAsync(context, 400, e.Message);
            }
            var result = await handler.Pipeline.AcceptAsync(principal, batch, context.RequestAborted);
            return await PushAnswers.WriteAsync(context, Signal.Metrics, principal, result, batch.RecordCount);
        }
        finally
        {
            BatchPool.Return(batch);
        }
    }
}
