using System.Buffers;
using System.IO.Hashing;
using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;

namespace OllyStack.Storage.Index;

/// <summary>
/// A series' identity as bytes: its sorted labels as UTF-8 <c>name 0xFF value 0xFF</c> (0xFF never occurs in UTF-8,
/// so no two label sets serialize alike). Its XxHash3 is the series' 64-bit id; comparing keys tells colliding
/// series apart. Built from strings or, allocation-free, straight from a metric batch's labels.
/// </summary>
public static class SeriesKey
{
    public const byte Separator = 0xFF;

    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    public static byte[] Of(IReadOnlyList<(string Name, string Value)> sortedLabels)
    {
        var length = sortedLabels.Sum(l => Encoding.UTF8.GetByteCount(l.Name) + Encoding.UTF8.GetByteCount(l.Value) + 2);
        var key = new byte[length];
        var position = 0;
        foreach (var (name, value) in sortedLabels)
        {
            position += Encoding.UTF8.GetBytes(name, key.AsSpan(position));
            key[position++] = Separator;
            position += Encoding.UTF8.GetBytes(value, key.AsSpan(position));
            key[position++] = Separator;
        }
        return key;
    }

    /// <summary>Writes the key of a batch series into <paramref name="buffer"/> (grown from the pool as needed) and returns its length.</summary>
    public static int Write(ReadOnlySpan<LabelRef> labels, Utf8Heap strings, ref byte[] buffer)
    {
        var length = 0;
        foreach (var label in labels) length += label.Name.Length + label.Value.Length + 2;
        if (buffer.Length < length)
        {
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }
        var position = 0;
        foreach (var label in labels)
        {
            strings[label.Name].CopyTo(buffer.AsSpan(position));
            position += label.Name.Length;
            buffer[position++] = Separator;
            strings[label.Value].CopyTo(buffer.AsSpan(position));
            position += label.Value.Length;
            buffer[position++] = Separator;
        }
        return length;
    }

    /// <summary>The labels a key holds, as strings.</summary>
    public static List<(string Name, string Value)> Labels(ReadOnlySpan<byte> key)
    {
        var labels = new List<(string, string)>();
        while (!key.IsEmpty)
        {
            var nameEnd = key.IndexOf(Separator);
            var name = Encoding.UTF8.GetString(key[..nameEnd]);
            key = key[(nameEnd + 1)..];
            var valueEnd = key.IndexOf(Separator);
            labels.Add((name, Encoding.UTF8.GetString(key[..valueEnd])));
            key = key[(valueEnd + 1)..];
        }
        return labels;
    }
}
