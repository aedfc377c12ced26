using System.Buffers;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// Room for the samples a read returns, handed out from a few large arrays, chunk after chunk (each twice the last,
/// up to 1 M samples): a read of thousands of series then makes a few large allocations, which the GC leaves where
/// they are, instead of two small ones per series, which it would copy from generation to generation while the
/// query holds them. A reader that is done with what it read may <see cref="Reset"/> the arena and fill the same
/// chunks again. One per reading thread.
/// </summary>
/// <param name="pooled">
/// Chunks come from the shared array pools and go back on <see cref="Dispose"/>: for a reader that drops everything
/// it read when it is done (a streamed query), so each query does not fault in megabytes of fresh memory.
/// </param>
public sealed class SampleArena(bool pooled = false) : IDisposable
{
    private const int FirstChunkSamples = 4096;
    private const int MaxChunkSamples = 1 << 20;

    private readonly List<(long[] Timestamps, double[] Values)> _chunks = [];
    private int _chunk = -1;
    private int _used;

    /// <summary>A copy of the samples, valid until the next <see cref="Reset"/> (or, without one, for as long as it is referenced).</summary>
    public (ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values) Copy(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.IsEmpty) return (ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty);
        while (_chunk < 0 || _chunks[_chunk].Timestamps.Length - _used < timestamps.Length) NextChunk(timestamps.Length);
        var (chunkTimestamps, chunkValues) = _chunks[_chunk];
        timestamps.CopyTo(chunkTimestamps.AsSpan(_used));
        values.CopyTo(chunkValues.AsSpan(_used));
        var copy = (new ReadOnlyMemory<long>(chunkTimestamps, _used, timestamps.Length), new ReadOnlyMemory<double>(chunkValues, _used, values.Length));
        _used += timestamps.Length;
        return copy;
    }

    /// <summary>Hands the same chunks out again: everything copied before must no longer be in use.</summary>
    public void Reset()
    {
        _chunk = -1;
        _used = 0;
    }

    private void NextChunk(int atLeast)
    {
        _chunk++;
        _used = 0;
        if (_chunk < _chunks.Count && _chunks[_chunk].Timestamps.Length >= atLeast) return;
        var previous = _chunk > 0 ? _chunks[_chunk - 1].Timestamps.Length : 0;
        var size = Math.Max(atLeast, previous == 0 ? FirstChunkSamples : Math.Min(MaxChunkSamples, previous * 2));
        var chunk = pooled
            ? (ArrayPool<long>.Shared.Rent(size), ArrayPool<double>.Shared.Rent(size))
            : (GC.AllocateUninitializedArray<long>(size), GC.AllocateUninitializedArray<double>(size));
        if (_chunk < _chunks.Count)
        {
            Return(_chunks[_chunk]);
            _chunks[_chunk] = chunk;
        }
        else
        {
            _chunks.Add(chunk);
        }
    }

    /// <summary>Gives pooled chunks back; nothing copied into the arena may be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var chunk in _chunks) Return(chunk);
        _chunks.Clear();
        Reset();
    }

    private void Return((long[] Timestamps, double[] Values) chunk)
    {
        if (!pooled) return;
        ArrayPool<long>.Shared.Return(chunk.Timestamps);
        ArrayPool<double>.Shared.Return(chunk.Values);
    }
}
