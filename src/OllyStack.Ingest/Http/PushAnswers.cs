using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Http;

/// <summary>
/// How the push protocols without a response body (Prometheus remote write, Loki push) answer the pipeline's verdict:
/// 204 once the batch is durable; 429 or 503 with Retry-After otherwise, which both protocols' clients retry.
/// </summary>
internal static class PushAnswers
{
    public static async Task<int> WriteAsync(HttpContext context, Signal signal, Principal principal, IngestResult result, int records)
    {
        switch (result.Status)
        {
            case IngestStatus.Accepted:
                IngestMetrics.RecordAccepted(signal, principal.Tenant, result.Records);
                context.Response.StatusCode = 204;
                return 204;
            case IngestStatus.Throttled:
                IngestMetrics.RecordRejected(signal, principal.Tenant, "throttled", records);
                return await HttpErrors.WritePlainAsync(context, 429, result.Message!, result.RetryAfter);
            default:
                IngestMetrics.RecordRejected(signal, principal.Tenant, "unavailable", records);
                return await HttpErrors.WritePlainAsync(context, 503, result.Message!, result.RetryAfter);
        }
    }
}
