using System.Buffers;

namespace OllyStack.Ingest.Http;

/// <summary>A request body in a rented buffer; disposing gives the buffer back.</summary>
public sealed class PooledBody : IDisposable
{
    private byte[] _buffer;

    public PooledBody(int capacity)
    {
        _buffer = capacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(capacity);
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Space for at least <paramref name="hint"/> more bytes, growing up to <paramref name="limit"/> in total.</summary>
    public Memory<byte> GetWritable(int hint, long limit)
    {
        if (_buffer.Length - Length < hint)
        {
            var wanted = (int)Math.Min(Math.Max((long)_buffer.Length * 2, Length + (long)hint), limit + 1);
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(wanted, Length + 1));
            _buffer.AsSpan(0, Length).CopyTo(next);
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = next;
        }
        return _buffer.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
