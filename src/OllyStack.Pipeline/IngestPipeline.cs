using System.Buffers;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Tenancy;
using OllyStack.Core.Traces;
using OllyStack.Pipeline.Quotas;
using OllyStack.Pipeline.Sampling;
using OllyStack.Pipeline.SpanMetrics;

namespace OllyStack.Pipeline;

/// <summary>
/// Admission and acceptance for every receiver: the API key decides the tenant; the tenant's policy decides whether
/// it may write this signal at all (suspension, plan features) and whether this batch fits its event rate and byte
/// quotas (<see cref="TenantQuotas"/>); the batch is stamped with the tenant, serialized and appended to the
/// signal's topic of the durable log. Acceptance completes only once the log says the record is durable, which is
/// what lets receivers acknowledge. Spans first yield their RED metrics (<see cref="SpanMetricsDeriver"/>) from every
/// span, then are sampled by the tenant's rate (<see cref="TraceSampler"/>); both are durable before the request is
/// acknowledged. Every step is metered per tenant: received, rejected by quota, sampled out, accepted. Refused
/// admissions go to the audit log; refusals by quota are metered instead (a tenant at its limit is not an access event).
/// </summary>
public sealed class IngestPipeline(
    IApiKeyAuthenticator keys, ITenantPolicies policies, IRefusalAudit audit, IDurableLog log, TenantQuotas quotas, IUsageMeter meter, TimeProvider clock)
    : IIngestPipeline
{
    private readonly ServiceGraph _serviceGraph = new(clock);

    public AdmissionResult Admit(ReadOnlySpan<char> apiKey, Signal signal)
    {
        if (apiKey.IsEmpty)
            return AdmissionResult.Deny(AdmissionFailure.Unauthenticated, "missing API key: send 'Authorization: Bearer <key>' or 'X-Ollystack-Key: <key>'");
        var principal = keys.Authenticate(apiKey);
        if (principal is null)
            return AdmissionResult.Deny(AdmissionFailure.Unauthenticated, "unknown or revoked API key");
        if (!principal.Can(Permissions.IngestWrite))
            return AdmissionResult.Deny(AdmissionFailure.Forbidden, $"{principal.Actor} may not write {signal.Name()}: it lacks the ingest scope (ingest:write)", principal);
        var policy = policies.Find(principal.Tenant);
        if (policy is null)
            return AdmissionResult.Deny(AdmissionFailure.Unauthenticated, $"tenant '{principal.Tenant}' no longer exists", principal);
        if (policy.Suspended)
            return AdmissionResult.Deny(AdmissionFailure.Forbidden, $"tenant '{policy.Tenant}' is suspended: ingest is refused until an operator resumes it", principal);
        if ((policy.AllowedFeatures & FeatureNames.Of(signal)) == 0)
            return AdmissionResult.Deny(AdmissionFailure.Forbidden,
                $"tenant '{policy.Tenant}' may not send {signal.Name()}: plan '{policy.Plan}' allows {string.Join(", ", policy.AllowedFeatures.ToNames())}; ask an operator to add '{signal.Name()}' to allowed_features",
                principal);
        return AdmissionResult.Allow(principal);
    }

    public ValueTask AuditRefusalAsync(AdmissionResult refusal, string? source, string target) =>
        audit.RecordAsync(new RefusedRequest(refusal.RefusedCaller?.Actor ?? "anonymous", refusal.RefusedCaller?.Tenant ?? "", source, target,
            refusal.HttpStatus, refusal.Message ?? ""));

    public async ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var tenant = principal.Tenant;
        batch.Tenant = tenant;
        var records = batch.RecordCount;
        if (records == 0) return IngestResult.Accept(0);
        var policy = policies.Find(tenant);
        if (policy is null) return IngestResult.Unavailable($"tenant '{tenant}' no longer exists", TimeSpan.FromSeconds(1));
        var size = BatchCodec.GetSize(batch);
        meter.Add(tenant, UsageKind.Received, records, size);
        if (quotas.TryTake(policy, records, size) is { } refused)
        {
            meter.Add(tenant, UsageKind.Rejected, records, size);
            return refused;
        }
        TelemetryBatch? spanMetrics = null;
        try
        {
            var (keptRecords, keptSize) = (records, size);
            if (batch is SpanBatch spans)
            {
                spanMetrics = SpanMetricsDeriver.Derive(spans, _serviceGraph.Observe(spans), clock.GetUtcNow().ToUnixTimeMilliseconds());
                if (TraceSampler.Apply(spans, policy.SamplingRate) is > 0 and var dropped)
                {
                    (keptRecords, keptSize) = (spans.RecordCount, BatchCodec.GetSize(spans));
                    meter.Add(tenant, UsageKind.SampledOut, dropped, size - keptSize);
                }
            }
            if (keptRecords > 0) await AppendAsync(batch, keptSize, cancellationToken).ConfigureAwait(false);
            // Should this append fail, the client retries the spans and they are stored twice, as any retried OTLP
            // request is; the metrics, which the failed attempt did not write, count them once, from the retry.
            if (spanMetrics is not null) await AppendAsync(spanMetrics, BatchCodec.GetSize(spanMetrics), cancellationToken).ConfigureAwait(false);
            meter.Add(tenant, UsageKind.Accepted, keptRecords, keptSize);
            return IngestResult.Accept(records);
        }
        catch (LogOverloadedException e)
        {
            quotas.Return(tenant, records, size);
            return IngestResult.Unavailable(e.Message, e.RetryAfter);
        }
        catch (ObjectDisposedException)
        {
            quotas.Return(tenant, records, size);
            return IngestResult.Unavailable("the server is shutting down", TimeSpan.FromSeconds(1));
        }
        finally
        {
            spanMetrics?.Dispose();
        }
    }

    private async Task AppendAsync(TelemetryBatch batch, int size, CancellationToken cancellationToken)
    {
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
}
