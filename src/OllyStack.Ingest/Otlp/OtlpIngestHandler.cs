using OllyStack.Core.Admission;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Otlp;

/// <summary>The result of one OTLP export: what the pipeline said and which records decoding refused.</summary>
public readonly record struct OtlpOutcome(IngestResult Result, long Rejected, string? RejectionMessage);

/// <summary>
/// The transport-independent part of an OTLP export, shared by OTLP/HTTP and OTLP/gRPC: decode into a pooled
/// batch, hand it to the pipeline, account for it. Throws <see cref="Wire.MalformedPayloadException"/> for a
/// body that does not decode, in which case nothing of the request is stored.
/// </summary>
public sealed class OtlpIngestHandler(IIngestPipeline pipeline)
{
    public IIngestPipeline Pipeline => pipeline;

    public async ValueTask<OtlpOutcome> ExportAsync(Principal principal, Signal signal, OtlpEncoding encoding, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var batch = BatchPool.Rent(signal);
        try
        {
            var tally = new RejectionTally();
            try
            {
                OtlpDecoder.Decode(encoding, body.Span, batch, ref tally);
            }
            catch (Wire.MalformedPayloadException)
            {
                IngestMetrics.RecordRejected(signal, principal.Tenant, "malformed", 1);
                throw;
            }
            var result = await pipeline.AcceptAsync(principal, batch, cancellationToken).ConfigureAwait(false);
            Account(signal, principal.Tenant, result, batch.RecordCount, tally.Rejected);
            return new OtlpOutcome(result, tally.Rejected, tally.Message);
        }
        finally
        {
            BatchPool.Return(batch);
        }
    }

    private static void Account(Signal signal, string tenant, IngestResult result, long records, long invalid)
    {
        IngestMetrics.RecordRejected(signal, tenant, "invalid", invalid);
        switch (result.Status)
        {
            case IngestStatus.Accepted: IngestMetrics.RecordAccepted(signal, tenant, records); break;
            case IngestStatus.Throttled: IngestMetrics.RecordRejected(signal, tenant, "throttled", records); break;
            default: IngestMetrics.RecordRejected(signal, tenant, "unavailable", records); break;
        }
    }
}
