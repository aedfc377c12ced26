using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Tenancy;

namespace OllyStack.Pipeline.Tests;

public sealed class TenantPolicyTests : PipelineFixtureTests
{
    [Fact]
    public void ASuspendedTenantIsRefusedAtOnceAndAdmittedAgainWhenResumed()
    {
        var key = fixture.CreateKey("acme", KeyScopes.Ingest).Key;
        fixture.ControlPlane.UpdateTenant("acme", t => t with { Suspended = true }, PipelineFixture.Operator);

        var suspended = fixture.Pipeline.Admit(key, Signal.Logs);
        fixture.ControlPlane.UpdateTenant("acme", t => t with { Suspended = false }, PipelineFixture.Operator);

        Assert.Equal(AdmissionFailure.Forbidden, suspended.Failure);
        Assert.Contains("tenant 'acme' is suspended", suspended.Message);
        Assert.Equal(AdmissionFailure.None, fixture.Pipeline.Admit(key, Signal.Logs).Failure);
    }

    [Fact]
    public async Task ARefusedAdmissionIsAuditedWithTheCallerItsTenantTheSourceAndWhatItAskedFor()
    {
        var key = fixture.CreateKey("acme", KeyScopes.Query).Key;
        var refusal = fixture.Pipeline.Admit(key, Signal.Metrics);
        var unknown = fixture.Pipeline.Admit("olly_unknown", Signal.Logs);

        await fixture.Pipeline.AuditRefusalAsync(refusal, "192.0.2.7", "POST /api/v1/write");
        await fixture.Pipeline.AuditRefusalAsync(unknown, "192.0.2.8", "POST /v1/logs");
        await fixture.ControlPlane.FlushAuditAsync();

        var denied = fixture.ControlPlane.Store.ReadAudit(new AuditQuery(Action: "request.denied"));
        Assert.Equal(
            [(refusal.RefusedCaller!.Actor, "acme", "192.0.2.7", "POST /api/v1/write", "403"), ("anonymous", "", "192.0.2.8", "POST /v1/logs", "401")],
            denied.Select(e => (e.Actor, e.Tenant, e.Source, e.Target, e.Outcome[..3])));
        Assert.Contains("lacks the ingest scope", denied[0].Outcome);
    }

    [Fact]
    public void ASignalOutsideThePlansFeaturesIsForbiddenSayingWhatThePlanAllows()
    {
        fixture.Tenant("acme", Plans.Startup, new TenantLimits(AllowedFeatures: Features.Metrics | Features.Logs));
        var key = fixture.CreateKey("acme", KeyScopes.Ingest).Key;

        var traces = fixture.Pipeline.Admit(key, Signal.Traces);

        Assert.Equal(AdmissionFailure.Forbidden, traces.Failure);
        Assert.Contains("may not send traces: plan 'startup' allows metrics, logs", traces.Message);
        Assert.Equal(AdmissionFailure.None, fixture.Pipeline.Admit(key, Signal.Metrics).Failure);
    }

    [Fact]
    public async Task TracesAreSampledWholeAtTheTenantsRateAfterTheirRedMetricsAreDerivedAndTheMeterSaysSo()
    {
        fixture.Tenant("acme", Plans.Enterprise, new TenantLimits(SamplingRate: 0.25));
        var principal = fixture.IngestPrincipal("acme");
        using var spans = Batches.SpansOfTraces(256);
        spans.Tenant = "acme";
        var receivedBytes = BatchCodec.GetSize(spans);

        var result = await fixture.Pipeline.AcceptAsync(principal, spans, CancellationToken.None);

        Assert.Equal(IngestResult.Accept(256), result);
        Assert.Equal(64, spans.RecordCount);
        Assert.All(spans.TraceIds.Span.ToArray(), id => Assert.True((id.Low & ((1UL << 56) - 1)) < (1UL << 54)));
        Assert.Equal(1, fixture.Log.GetEndOffset(LogTopics.Metrics));
        var usage = fixture.Meter.Read("acme", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)).Single();
        Assert.Equal((256L, (long)receivedBytes), (usage.ReceivedEvents, usage.ReceivedBytes));
        Assert.Equal((192L, 64L), (usage.SampledOutEvents, usage.AcceptedEvents));
        Assert.Equal(usage.ReceivedBytes, usage.SampledOutBytes + usage.AcceptedBytes);
    }

    [Fact]
    public async Task RejectedBatchesAreMeteredAndNotAppended()
    {
        fixture.Tenant("acme", Plans.Enterprise, new TenantLimits(MaxEventsPerSecond: 2));
        var principal = fixture.IngestPrincipal("acme");
        using var first = Batches.Of(Signal.Metrics);
        using var second = Batches.Of(Signal.Metrics);

        Assert.Equal(IngestStatus.Accepted, (await fixture.Pipeline.AcceptAsync(principal, first, CancellationToken.None)).Status);
        var refused = await fixture.Pipeline.AcceptAsync(principal, second, CancellationToken.None);

        Assert.Equal(IngestStatus.Throttled, refused.Status);
        Assert.Equal(1, fixture.Log.GetEndOffset(LogTopics.Metrics));
        var usage = fixture.Meter.Read("acme", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)).Single();
        Assert.Equal((4L, 2L, 2L), (usage.ReceivedEvents, usage.AcceptedEvents, usage.RejectedEvents));
    }
}
