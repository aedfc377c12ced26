using OllyStack.Core.Batches;
using OllyStack.Core.Traces;
using OllyStack.Pipeline.SpanMetrics;

namespace OllyStack.Pipeline.Tests.SpanMetrics;

public sealed class ServiceGraphTests
{
    private readonly SteppingClock _clock = new();

    /// <summary>A batch of spans of one trace: (service, span id, parent span id, failed).</summary>
    private static SpanBatch Spans(string tenant, params (string Service, ulong Span, ulong Parent, bool Failed)[] spans)
    {
        var batch = new SpanBatch { Tenant = tenant };
        foreach (var (service, span, parent, failed) in spans)
        {
            var first = batch.Attributes.Count;
            batch.AddAttribute("service.name"u8, AnyValue.OfString(batch.Strings.Intern(service)));
            var resource = batch.Resources.Add(new ResourceRef(batch.RangeFrom(first), 0, Utf8Ref.Empty));
            batch.Add(new SpanFields
            {
                TraceId = new TraceId(1, 1),
                SpanId = new SpanId(span),
                ParentSpanId = new SpanId(parent),
                StatusCode = (byte)(failed ? 2 : 0),
                Resource = resource,
            });
        }
        return batch;
    }

    [Fact]
    public void ASpanWhoseParentIsInAnotherServiceIsACallFromThatService()
    {
        var graph = new ServiceGraph(_clock);
        using var spans = Spans("acme", ("frontend", 1, 0, false), ("frontend", 2, 1, false), ("cart", 3, 2, false), ("db", 4, 3, true));

        Assert.Equal([new ServiceCall("frontend", "cart", false), new ServiceCall("cart", "db", true)], graph.Observe(spans));
    }

    [Fact]
    public void ParentAndChildMeetAcrossBatchesInEitherOrder()
    {
        var graph = new ServiceGraph(_clock);
        using var parentFirst = Spans("acme", ("frontend", 1, 0, false));
        using var childLater = Spans("acme", ("cart", 2, 1, false));
        using var childFirst = Spans("acme", ("payments", 3, 5, false));
        using var parentLater = Spans("acme", ("cart", 5, 0, false));

        Assert.Empty(graph.Observe(parentFirst));
        Assert.Equal([new ServiceCall("frontend", "cart", false)], graph.Observe(childLater));
        Assert.Empty(graph.Observe(childFirst));
        Assert.Equal([new ServiceCall("cart", "payments", false)], graph.Observe(parentLater));
    }

    [Fact]
    public void TenantsNeverLinkEachOthersSpans()
    {
        var graph = new ServiceGraph(_clock);
        using var parent = Spans("acme", ("frontend", 1, 0, false));
        using var child = Spans("globex", ("cart", 2, 1, false));

        graph.Observe(parent);

        Assert.Empty(graph.Observe(child));
    }

    [Fact]
    public void SpansOlderThanTwoGenerationsAreForgotten()
    {
        var graph = new ServiceGraph(_clock);
        using var parent = Spans("acme", ("frontend", 1, 0, false));
        using var child = Spans("acme", ("cart", 2, 1, false));
        using var child2 = Spans("acme", ("cart", 3, 1, false));
        graph.Observe(parent);

        _clock.Advance(ServiceGraph.Generation);
        Assert.Single(graph.Observe(child));
        _clock.Advance(ServiceGraph.Generation);
        graph.Observe(new SpanBatch { Tenant = "acme" });
        _clock.Advance(ServiceGraph.Generation);

        Assert.Empty(graph.Observe(child2));
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
