using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.Benchmarks.Traces;

/// <summary>One running instance (pod) of a service: its resource, which its exporter sends once per batch, and its address.</summary>
public sealed class ServiceInstance(Resource resource, string address)
{
    public Resource Resource { get; } = resource;

    public string Address { get; } = address;
}
