namespace OllyStack.Storage;

/// <summary>
/// A tenant's log or span parts at one moment, each held until disposed, oldest first. A merge or retention that
/// retires one of them meanwhile deletes its file only after this releases it.
/// </summary>
internal sealed class HeldParts<TPart>(TPart[] parts) : IDisposable where TPart : IRecordPart
{
    private bool _disposed;

    public IReadOnlyList<TPart> Parts => parts;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var part in parts) part.Release();
    }
}
