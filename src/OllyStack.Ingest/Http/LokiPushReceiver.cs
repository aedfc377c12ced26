using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Http;

/// <summary>
/// Loki push: POST /loki/api/v1/push with a snappy block-compressed <c>logproto.PushRequest</c> (Loki's default, also
/// when Content-Type is absent) or JSON (optionally gzip). Answers as Loki does: 204 once durable; plain-text 4xx
/// (not retried by Loki clients) for bad requests; 429/503 with Retry-After (retried). The tenant is the API key's:
/// <c>X-Scope-OrgID</c>, Loki's tenant header, is ignored, so a client cannot write into another tenant.
/// </summary>
public sealed class LokiPushReceiver(IIngestPipeline pipeline, IngestOptions options)
{
    private const string Protocol = "loki_push";

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
            IngestMetrics.End(started, Signal.Logs, Protocol, code, bytes);
        }
    }

    private async Task<int> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        var encoding = string.IsNullOrEmpty(request.ContentType) ? OtlpEncoding.Protobuf : OtlpHttpReceiver.EncodingOf(request.ContentType);
        if (encoding is null)
            return await HttpErrors.WritePlainAsync(context, 415, $"Content-Type '{request.ContentType}' is not supported; Loki push sends application/x-protobuf (snappy) or application/json");
        var contentEncoding = request.Headers.ContentEncoding.ToString();
        if (encoding == OtlpEncoding.Protobuf && contentEncoding.Length > 0 && !contentEncoding.Equals("snappy", StringComparison.OrdinalIgnoreCase))
            return await HttpErrors.WritePlainAsync(context, 415, $"Content-Encoding '{contentEncoding}' is not supported for protobuf; Loki push protobuf is snappy block-compressed");
        var admission = pipeline.Admit(Credentials.FromHeaders(request.Headers.Authorization, request.Headers[Credentials.KeyHeader]), Signal.Logs);
        if (admission.Principal is null)
        {
            await pipeline.AuditRefusalAsync(admission, context);
            return await HttpErrors.WritePlainAsync(context, admission.HttpStatus, admission.Message!);
        }
        PooledBody body;
        try
        {
            body = encoding == OtlpEncoding.Protobuf
                ? await RequestBodyReader.ReadSnappyAsync(request, options.MaxRequestBytes, context.RequestAborted)
                : await RequestBodyReader.ReadAsync(request, options.MaxRequestBytes, context.RequestAborted);
        }
        catch (IngestHttpException e)
        {
            IngestMetrics.RecordRejected(Signal.Logs, admission.Principal.Tenant, e.StatusCode == 413 ? "too_large" : "malformed", 1);
            return await HttpErrors.WritePlainAsync(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return await HttpErrors.WritePlainAsync(context, e.StatusCode, e.Message);
        }
        using (body) return await AcceptAsync(context, admission.Principal, encoding.Value, body);
    }

    private async Task<int> AcceptAsync(HttpContext context, Principal principal, OtlpEncoding encoding, PooledBody body)
    {
        var batch = (LogBatch)BatchPool.Rent(Signal.Logs);
        try
        {
            try
            {
                Decode(encoding, body.Span, batch);
            }
            catch (MalformedPayloadException e)
            {
                IngestMetrics.RecordRejected(Signal.Logs, principal.Tenant, "malformed", 1);
                return await HttpErrors.WritePlainAsync(context, 400, e.Message);
            }
            var result = await pipeline.AcceptAsync(principal, batch, context.RequestAborted);
            return await PushAnswers.WriteAsync(context, Signal.Logs, principal, result, batch.RecordCount);
        }
        finally
        {
            BatchPool.Return(batch);
        }
    }

    /// <summary>Every entry of one request is observed at the same instant: when its body had arrived.</summary>
    private static void Decode(OtlpEncoding encoding, ReadOnlySpan<byte> body, LogBatch batch)
    {
        var observedUnixNano = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
        if (encoding == OtlpEncoding.Protobuf) LokiPushProtobufDecoder.Decode(body, batch, observedUnixNano);
        else LokiPushJsonDecoder.Decode(body, batch, observedUnixNano);
    }
}
