using System.Buffers;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Traces;
using OllyStack.Pipeline.SpanMetrics;

namespace OllyStack.Pipeline;

/// <summary>
/// Admission and acceptance for every receiver: the API key decides the tenant, the batch is stamped with it,
/// serialized and appended to the signal's topic of the durable log. Acceptance completes only once the log
/// says the record is durable, which is what lets receivers acknowledge. Spans also yield their RED metrics
/// (<see cref="SpanMetricsDeriver"/>), made durable on the metrics topic before the spans are acknowledged.
/// </summary>
public sealed class IngestPipeline(IApiKeyStore keys, IDurableLog log, TimeProvider clock) : IIngestPipeline
{
    private readonly ServiceGraph _serviceGraph = new(clock);

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

    public IngestPipeline(IApiKeyStore keys, IDurableLog log) : this(keys, log, TimeProvider.System)
    {
    }

    public async ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken)
    {
        batch.Tenant = principal.Tenant;
        var records = batch.RecordCount;
        if (records == 0) return IngestResult.Accept(0);
        try
        {
            await AppendAsync(batch, cancellationToken).ConfigureAwait(false);
            if (batch is SpanBatch spans) await AppendSpanMetricsAsync(spans, cancellationToken).ConfigureAwait(false);
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
    }

    private async Task AppendAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var size = BatchCodec.GetSize(batch);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            BatchCodec.Write(batch, buffer);
            await log.AppendAsync(LogTopics.For(batch.Signal), buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The RED metrics of spans already durable. Should this append fail, the client retries the spans and they are
    /// stored twice, as any retried OTLP request is; the metrics, which the failed attempt did not write, count them
    /// once, from the retry, never zero times.
    /// </summary>
    private async Task AppendSpanMetricsAsync(SpanBatch spans, CancellationToken cancellationToken)
    {
        using var metrics = SpanMetricsDeriver.Derive(spans, _serviceGraph.Observe(spans), clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (metrics is not null) await AppendAsync(metrics, cancellationToken).ConfigureAwait(false);
    }
}
