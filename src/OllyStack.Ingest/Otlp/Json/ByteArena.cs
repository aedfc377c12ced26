using System.Buffers;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Bytes a decoder produces from its input (unescaped strings, hex ids, base64 payloads) that must stay put until
/// the request is done: a chunk is never moved or reused before <see cref="Dispose"/>, so every span handed out
/// stays valid until then. Chunks come from <see cref="ArrayPool{T}"/> and go back on dispose.
/// </summary>
internal sealed class ByteArena : IDisposable
{
    private const int ChunkSize = 16 * 1024;
    private readonly List<byte[]> _chunks = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Returns <paramref name="length"/> bytes for the caller to fill, valid until <see cref="Dispose"/>.</summary>
    public Span<byte> Allocate(int length)
    {
        if (length > _current.Length - _used) StartChunk(length);
        var span = _current.AsSpan(_used, length);
        _used += length;
        return span;
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
        _current = [];
        _used = 0;
    }

    private void StartChunk(int length)
    {
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, length));
        _chunks.Add(_current);
        _used = 0;
    }
}
