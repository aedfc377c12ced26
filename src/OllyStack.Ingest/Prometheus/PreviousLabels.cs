using OllyStack.Core.Metrics;

namespace OllyStack.Ingest.Prometheus;

/// <summary>
/// The encoded labels of the previous series, position by position. Series of one target arrive one after the
/// other and share most labels byte for byte, so comparing a label's raw bytes with the one at the same position
/// before saves parsing and interning it again: the decoder's main cost per sample.
/// </summary>
internal ref struct PreviousLabels(ReadOnlySpan<byte> request, Span<int> starts, Span<int> lengths, Span<LabelRef> labels)
{
    public const int Capacity = 32;
    private readonly ReadOnlySpan<byte> _request = request;
    private readonly Span<int> _starts = starts;
    private readonly Span<int> _lengths = lengths;
    private readonly Span<LabelRef> _labels = labels;
    private int _count;

    public readonly bool TryReuse(int position, ReadOnlySpan<byte> raw, out LabelRef label)
    {
        label = default;
        if (position >= _count || _lengths[position] != raw.Length) return false;
        if (!_request.Slice(_starts[position], raw.Length).SequenceEqual(raw)) return false;
        label = _labels[position];
        return true;
    }

    /// <summary>Remembers <paramref name="raw"/> (a slice of the request) as the label at <paramref name="position"/>.</summary>
    public void Remember(int position, ReadOnlySpan<byte> raw, LabelRef label)
    {
        if (position >= Capacity || !_request.Overlaps(raw, out var start)) return;
        _starts[position] = start;
        _lengths[position] = raw.Length;
        _labels[position] = label;
        if (position >= _count) _count = position + 1;
    }
}
