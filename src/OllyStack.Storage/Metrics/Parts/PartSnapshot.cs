namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// The parts of a tenant at one moment, each held until disposed, oldest data first. A merge or retention that
/// retires one of them meanwhile deletes its file only after this releases it.
/// </summary>
public sealed class PartSnapshot : IDisposable
{
    private readonly MetricPart[] _parts;
    private bool _disposed;

    internal PartSnapshot(MetricPart[] parts) => _parts = parts;

    public IReadOnlyList<MetricPart> Parts => _parts;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var part in _parts) part.Release();
    }
}
