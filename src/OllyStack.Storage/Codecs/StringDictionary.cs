using System.Buffers;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// The dictionary of a log or span block: a varint count, then that many distinct texts in order of first use; the
/// columns refer to them by varint index. Build one per block while encoding; <see cref="Read"/> and
/// <see cref="ReadEntry"/> decode it.
/// </summary>
internal sealed class StringDictionary
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int IndexOf(string value)
    {
        if (_indexes.TryGetValue(value, out var index)) return index;
        _indexes[value] = index = _strings.Count;
        _strings.Add(value);
        return index;
    }

    public void Write(IBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)_strings.Count);
        foreach (var value in _strings) output.WriteText(value);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; returns the input after it.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> source, out string[] dictionary)
    {
        var rest = Varint.ReadBounded(source, source.Length, "dictionary size", out var size);
        dictionary = new string[size];
        for (var i = 0; i < size; i++) rest = ByteWrites.ReadText(rest, out dictionary[i]);
        return rest;
    }

    /// <summary>Reads one varint index into <paramref name="dictionary"/>; <paramref name="what"/> names it in errors.</summary>
    public static ReadOnlySpan<byte> ReadEntry(ReadOnlySpan<byte> source, string[] dictionary, string what, out string value)
    {
        var rest = Varint.Read(source, out var index);
        if (index >= (ulong)dictionary.Length) throw new InvalidDataException($"{what} {index} is past a dictionary of {dictionary.Length}");
        value = dictionary[(int)index];
        return rest;
    }
}
