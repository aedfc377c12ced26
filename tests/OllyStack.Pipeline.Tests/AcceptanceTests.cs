using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;

namespace OllyStack.Pipeline.Tests;

public sealed class AcceptanceTests : PipelineFixtureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(Signal.Metrics)]
    [InlineData(Signal.Logs)]
    [InlineData(Signal.Traces)]
    public async Task AcceptedBatchIsStampedWithTheTenantAndAppendedToItsSignalsTopic(Signal signal)
    {
        var principal = fixture.IngestPrincipal("acme");
        using var batch = Batches.Of(signal, claimedTenant: "someone-else");

        var result = await fixture.Pipeline.AcceptAsync(principal, batch, CancellationToken.None);

        Assert.Equal(IngestResult.Accept(batch.RecordCount), result);
        Assert.Equal("acme", batch.Tenant);
        foreach (var topic in LogTopics.All)
            Assert.Equal(topic == LogTopics.For(signal) || IsSpanMetrics(signal, topic) ? 1 : 0, fixture.Log.GetEndOffset(topic));

        var payload = await ReadOnlyRecordAsync(LogTopics.For(signal));
        Assert.Equal(BatchCodec.ToArray(batch), payload);
        using var stored = Batches.Empty(signal);
        BatchCodec.Read(payload, stored);
        Assert.Equal("acme", stored.Tenant);
        Assert.Equal(batch.RecordCount, stored.RecordCount);
    }

    [Fact]
    public async Task BatchesOfTwoTenantsKeepTheirOwnTenant()
    {
        var acme = fixture.IngestPrincipal("acme");
        var globex = fixture.IngestPrincipal("globex");
        using var first = Batches.Of(Signal.Logs);
        using var second = Batches.Of(Signal.Logs);

        await fixture.Pipeline.AcceptAsync(acme, first, CancellationToken.None);
        await fixture.Pipeline.AcceptAsync(globex, second, CancellationToken.None);

        await using var consumer = fixture.Log.OpenConsumer(LogTopics.Logs, "test");
        var tenants = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
        while (tenants.Count < 2)
        {
            foreach (var record in await consumer.ReadAsync(2, timeout.Token))
            {
                using var stored = Batches.Empty(Signal.Logs);
                BatchCodec.Read(record.Payload.Span, stored);
                tenants.Add(stored.Tenant);
            }
        }
        Assert.Equal(["acme", "globex"], tenants);
    }

    [Theory]
    [InlineData(Signal.Metrics)]
    [InlineData(Signal.Logs)]
    [InlineData(Signal.Traces)]
    public async Task EmptyBatchIsAcceptedWithoutAppending(Signal signal)
    {
        using var batch = Batches.Empty(signal);

        var result = await fixture.Pipeline.AcceptAsync(fixture.IngestPrincipal(), batch, CancellationToken.None);

        Assert.Equal(IngestStatus.Accepted, result.Status);
        Assert.Equal(0, result.Records);
        foreach (var topic in LogTopics.All) Assert.Equal(0, fixture.Log.GetEndOffset(topic));
    }

    [Fact]
    public async Task OverloadedLogMakesIngestUnavailableWithItsRetryAfter()
    {
        var log = new OverloadedLog(TimeSpan.FromSeconds(3));
        var pipeline = fixture.Over(log);
        using var batch = Batches.Of(Signal.Metrics);

        var result = await pipeline.AcceptAsync(fixture.IngestPrincipal(), batch, CancellationToken.None);

        Assert.Equal(IngestStatus.Unavailable, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
        Assert.Equal(0, result.Records);
        Assert.Contains("waiting for disk", result.Message);
        Assert.Equal(1, log.Appends);
    }

    [Fact]
    public async Task ClosedLogMakesIngestUnavailableRatherThanFailing()
    {
        var principal = fixture.IngestPrincipal();
        using var batch = Batches.Of(Signal.Traces);
        await fixture.Pipeline.AcceptAsync(principal, batch, CancellationToken.None);
        await fixture.Log.DisposeAsync();

        var result = await fixture.Pipeline.AcceptAsync(principal, batch, CancellationToken.None);

        Assert.Equal(IngestStatus.Unavailable, result.Status);
        Assert.True(result.RetryAfter > TimeSpan.Zero);
        Assert.Contains("shutting down", result.Message);
    }

    [Fact]
    public async Task CancelledRequestAppendsNothing()
    {
        using var batch = Batches.Of(Signal.Logs);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await fixture.Pipeline.AcceptAsync(fixture.IngestPrincipal(), batch, new CancellationToken(canceled: true)));

        Assert.Equal(0, fixture.Log.GetEndOffset(LogTopics.Logs));
    }

    private async Task<byte[]> ReadOnlyRecordAsync(string topic)
    {
        await using var consumer = fixture.Log.OpenConsumer(topic, "test");
        using var timeout = new CancellationTokenSource(Patience);
        var records = await consumer.ReadAsync(10, timeout.Token);
        var record = Assert.Single(records);
        Assert.Equal(0, record.Offset);
        return record.Payload.ToArray();
    }

    /// <summary>Spans also append their RED metrics to the metrics topic.</summary>
    private static bool IsSpanMetrics(Signal signal, string topic) => signal == Signal.Traces && topic == LogTopics.Metrics;
}
