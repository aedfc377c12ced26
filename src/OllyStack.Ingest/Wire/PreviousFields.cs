namespace OllyStack.Ingest.Wire;

/// <summary>
/// The encoded fields of the previous record, position by position, with what they decoded to. Records in one
/// request tend to repeat their neighbours' labels and attributes byte for byte (series of one target, spans of one
/// route), so comparing a field's raw bytes with the one at the same position before saves decoding and interning
/// it again: the decoders' main cost per record.
/// </summary>
internal ref struct PreviousFields<T>(ReadOnlySpan<byte> request, Span<int> starts, Span<int> lengths, Span<T> values)
    where T : unmanaged
{
    public const int Capacity = 32;
    private readonly ReadOnlySpan<byte> _request = request;
    private readonly Span<int> _starts = starts;
    private readonly Span<int> _lengths = lengths;
    private readonly Span<T> _values = values;
    private int _count;

    public readonly bool TryReuse(int position, ReadOnlySpan<byte> raw, out T value)
    {
        value = default;
        if (position >= _count || _lengths[position] != raw.Length) return false;
        if (!_request.Slice(_starts[position], raw.Length).SequenceEqual(raw)) return false;
        value = _values[position];
        return true;
    }

    /// <summary>Remembers <paramref name="raw"/> (a slice of the request) as the field at <paramref name="position"/>.</summary>
    public void Remember(int position, ReadOnlySpan<byte> raw, T value)
    {
        if (position >= Capacity || !_request.Overlaps(raw, out var start)) return;
        _starts[position] = start;
        _lengths[position] = raw.Length;
        _values[position] = value;
        if (position >= _count) _count = position + 1;
    }
}
