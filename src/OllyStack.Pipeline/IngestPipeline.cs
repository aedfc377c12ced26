using System.Buffers;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;

namespace OllyStack.Pipeline;

/// <summary>
/// Admission and acceptance for every receiver: the API key decides the tenant, the batch is stamped with it,
/// serialized and appended to the signal's topic of the durable log. Acceptance completes only once the log
/// says the record is durable, which is what lets receivers acknowledge.
/// </summary>
public sealed class IngestPipeline(IApiKeyStore keys, IDurableLog log) : IIngestPipeline
{
    public AdmissionResult Admit(ReadOnlySpan<char> apiKey, Signal signal)
    {
        if (apiKey.IsEmpty)
            return AdmissionResult.Deny(AdmissionFailure.Unauthenticated, "missing API key: send 'Authorization: Bearer <key>' or 'X-Ollystack-Key: <key>'");
        var principal = keys.Authenticate(apiKey);
        if (principal is null)
            return AdmissionResult.Deny(AdmissionFailure.Unauthenticated, "unknown or revoked API key");
        if (!principal.Can(KeyScopes.Ingest))
            return AdmissionResult.Deny(AdmissionFailure.Forbidden, $"API key {principal.KeyId} may not write {signal.Name()}: it lacks the ingest scope");
        return AdmissionResult.Allow(principal);
    }

    public async ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken)
    {
        batch.Tenant = principal.Tenant;
        var records = batch.RecordCount;
        if (records == 0) return IngestResult.Accept(0);
        var size = BatchCodec.GetSize(batch);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            BatchCodec.Write(batch, buffer);
            await log.AppendAsync(LogTopics.For(batch.Signal), buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            return IngestResult.Accept(records);
        }
        catch (LogOverloadedException e)
        {
            return IngestResult.Unavailable(e.Message, e.RetryAfter);
        }
        catch (ObjectDisposedException)
        {
            return IngestResult.Unavailable("the server is shutting down", TimeSpan.FromSeconds(1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
