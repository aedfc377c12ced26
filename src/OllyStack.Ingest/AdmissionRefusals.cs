using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;

namespace OllyStack.Ingest;

/// <summary>Hands a refused admission to the audit log with the caller's address and the method and path it asked for.</summary>
internal static class AdmissionRefusals
{
    public static ValueTask AuditRefusalAsync(this IIngestPipeline pipeline, AdmissionResult refusal, HttpContext context) =>
        pipeline.AuditRefusalAsync(refusal, context.Connection.RemoteIpAddress?.ToString(), $"{context.Request.Method} {context.Request.Path}");
}
