namespace OllyStack.Storage.Index;

/// <summary>
/// The series that carry one label pair, as ascending series refs. Refs are handed out in increasing order, so
/// appending keeps the list sorted and adding a series costs one append per label.
/// </summary>
public sealed class PostingList
{
    private uint[] _refs = new uint[4];

    public int Count { get; private set; }

    public ReadOnlySpan<uint> Refs => _refs.AsSpan(0, Count);

    public void Append(uint seriesRef)
    {
        if (Count > 0 && _refs[Count - 1] >= seriesRef)
            throw new InvalidOperationException($"series ref {seriesRef} is not above the last one, {_refs[Count - 1]}");
        if (Count == _refs.Length) Array.Resize(ref _refs, _refs.Length * 2);
        _refs[Count++] = seriesRef;
    }
}
