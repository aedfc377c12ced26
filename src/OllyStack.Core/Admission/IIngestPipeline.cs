using OllyStack.Core.Batches;

namespace OllyStack.Core.Admission;

/// <summary>
/// What receivers hand decoded data to: admission (who is calling, may they write this signal) and then
/// acceptance (quotas, masking, sampling, routing, the durable log). Receivers acknowledge a request only
/// after <see cref="AcceptAsync"/> returned <see cref="IngestResult.Accepted"/>.
/// </summary>
public interface IIngestPipeline
{
    AdmissionResult Admit(ReadOnlySpan<char> apiKey, Signal signal);

    /// <summary>Records a refused admission in the audit log: who, from <paramref name="source"/>, asking for <paramref name="target"/>.</summary>
    ValueTask AuditRefusalAsync(AdmissionResult refusal, string? source, string target);

    /// <summary>Admits the batch and completes once everything accepted is durable.</summary>
    ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken);
}
