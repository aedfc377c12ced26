using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// The service graph of a window (Jaeger's <c>/api/dependencies</c>): for every span whose parent span is also stored
/// in the window and belongs to another service, one call from the parent's service to the span's. Calls within a
/// service are not edges.
/// </summary>
public static class ServiceDependencies
{
    public static List<ServiceDependency> Of(IEnumerable<SpanRow> spans)
    {
        var services = new Dictionary<(TraceId, SpanId), string>();
        var children = new List<(TraceId Trace, SpanId Parent, string Service)>();
        foreach (var span in spans)
        {
            services[(span.TraceId, span.SpanId)] = span.Service;
            if (!span.ParentSpanId.IsEmpty) children.Add((span.TraceId, span.ParentSpanId, span.Service));
        }
        var calls = new Dictionary<(string Parent, string Child), long>();
        foreach (var (trace, parent, child) in children)
            if (services.TryGetValue((trace, parent), out var parentService) && parentService != child)
                calls[(parentService, child)] = calls.GetValueOrDefault((parentService, child)) + 1;
        return [.. calls.Select(c => new ServiceDependency(c.Key.Parent, c.Key.Child, c.Value))
            .OrderBy(d => d.Parent, StringComparer.Ordinal).ThenBy(d => d.Child, StringComparer.Ordinal)];
    }
}
