using OllyStack.Core.Batches;
using OllyStack.Core.Traces;

namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>
/// Finds service-to-service calls among spans as they arrive: a span whose parent belongs to another service is one
/// call from the parent's service (client) to the span's (server). Parent and child may come in different batches,
/// in either order, so recent spans' services and children still waiting for their parent are remembered for one to
/// two <see cref="Generation"/>s (two generations of maps, the older dropped on rotation, which bounds memory
/// without a timer per span). Thread-safe.
/// </summary>
public sealed class ServiceGraph(TimeProvider clock)
{
    /// <summary>How long a span waits for its parent or child at least; spans of one call arrive well within it.</summary>
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    /// <summary>A generation rotates early past this many spans, so a flood cannot grow the maps without bound.</summary>
    public const int MaxSpansPerGeneration = 500_000;

    private readonly Lock _lock = new();
    private Maps _current = new();
    private Maps _previous = new();
    private long _rotatedAt = clock.GetTimestamp();

    /// <summary>The calls completed by this batch's spans: client and server service, and whether the server span failed.</summary>
    public List<ServiceCall> Observe(SpanBatch spans)
    {
        var services = ServicesByResource(spans);
        var calls = new List<ServiceCall>();
        lock (_lock)
        {
            RotateIfDue();
            for (var i = 0; i < spans.RecordCount; i++)
            {
                var resource = spans.ResourceIndex[i];
                var service = resource >= 0 && resource < services.Length ? services[resource] : SpanMetricNames.UnknownService;
                Remember(spans.Tenant, spans.TraceIds[i], spans.SpanIds[i], service, calls);
            }
            for (var i = 0; i < spans.RecordCount; i++)
            {
                if (spans.ParentSpanIds[i].IsEmpty) continue;
                var resource = spans.ResourceIndex[i];
                var service = resource >= 0 && resource < services.Length ? services[resource] : SpanMetricNames.UnknownService;
                Link(new SpanKey(spans.Tenant, spans.TraceIds[i], spans.ParentSpanIds[i]), new WaitingChild(service, spans.StatusCode[i] == 2), calls);
            }
        }
        return calls;
    }

    /// <summary>Records the span's service and settles the children that were waiting for it.</summary>
    private void Remember(string tenant, TraceId traceId, SpanId spanId, string service, List<ServiceCall> calls)
    {
        var key = new SpanKey(tenant, traceId, spanId);
        _current.Services[key] = service;
        foreach (var maps in (ReadOnlySpan<Maps>)[_current, _previous])
        {
            if (!maps.Waiting.Remove(key, out var children)) continue;
            foreach (var child in children) AddCall(service, child, calls);
        }
    }

    private void Link(SpanKey parent, WaitingChild child, List<ServiceCall> calls)
    {
        if (_current.Services.TryGetValue(parent, out var service) || _previous.Services.TryGetValue(parent, out service))
        {
            AddCall(service, child, calls);
            return;
        }
        if (!_current.Waiting.TryGetValue(parent, out var waiting)) _current.Waiting[parent] = waiting = [];
        waiting.Add(child);
    }

    private static void AddCall(string parentService, WaitingChild child, List<ServiceCall> calls)
    {
        if (parentService != child.Service) calls.Add(new ServiceCall(parentService, child.Service, child.Failed));
    }

    private void RotateIfDue()
    {
        if (clock.GetElapsedTime(_rotatedAt) < Generation && _current.Services.Count < MaxSpansPerGeneration) return;
        _previous = _current;
        _current = new Maps();
        _rotatedAt = clock.GetTimestamp();
    }

    private static string[] ServicesByResource(SpanBatch spans)
    {
        var services = new string[spans.Resources.Count];
        for (var r = 0; r < services.Length; r++) services[r] = SpanMetricsDeriver.ServiceOf(spans, r);
        return services;
    }

    private readonly record struct SpanKey(string Tenant, TraceId TraceId, SpanId SpanId);

    private readonly record struct WaitingChild(string Service, bool Failed);

    private sealed class Maps
    {
        public Dictionary<SpanKey, string> Services { get; } = [];

        public Dictionary<SpanKey, List<WaitingChild>> Waiting { get; } = [];
    }
}
