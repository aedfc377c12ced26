namespace OllyStack.Storage.Metrics;

/// <summary>
/// Room for the samples a read returns, handed out from a few large arrays, chunk after chunk (each twice the last,
/// up to 1 M samples): a read of thousands of series then makes a few large allocations, which the GC leaves where
/// they are, instead of two small ones per series, which it would copy from generation to generation while the
/// query holds them. One per reading thread.
/// </summary>
internal sealed class SampleArena
{
    private const int FirstChunkSamples = 4096;
    private const int MaxChunkSamples = 1 << 20;

    private long[] _timestamps = [];
    private double[] _values = [];
    private int _used;

    /// <summary>A copy of the samples, in memory that stays valid for as long as it is referenced.</summary>
    public (ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values) Copy(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.IsEmpty) return (ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty);
        if (_timestamps.Length - _used < timestamps.Length)
        {
            var size = Math.Max(timestamps.Length, _timestamps.Length == 0 ? FirstChunkSamples : Math.Min(MaxChunkSamples, _timestamps.Length * 2));
            _timestamps = GC.AllocateUninitializedArray<long>(size);
            _values = GC.AllocateUninitializedArray<double>(size);
            _used = 0;
        }
        timestamps.CopyTo(_timestamps.AsSpan(_used));
        values.CopyTo(_values.AsSpan(_used));
        var copy = (new ReadOnlyMemory<long>(_timestamps, _used, timestamps.Length), new ReadOnlyMemory<double>(_values, _used, values.Length));
        _used += timestamps.Length;
        return copy;
    }
}
