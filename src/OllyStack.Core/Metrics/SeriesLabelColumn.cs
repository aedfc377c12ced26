using OllyStack.Core.Batches;

namespace OllyStack.Core.Metrics;

/// <summary>
/// How a metric batch's labels are stored in the log: series by series, each label compared with the label at the
/// same position of the previous series. Consecutive series of one target share most of their labels, so a
/// label usually costs two bits instead of sixteen bytes. Layout (docs/format/batch.md): per series, a bitmap of two
/// bits per label (bit 0: name as before, bit 1: value as before), then for every string that differs its heap
/// offset and length as unsigned LEB128 varints. Reading needs the Series column, which precedes this one.
/// In memory the labels stay plain <see cref="LabelRef"/>s; the encoding is built when the batch is serialized.
/// </summary>
public sealed class SeriesLabelColumn(Column<LabelRef> labels, Column<SeriesRef> series) : IColumn
{
    private readonly Column<byte> _encoded = new();
    private (int Labels, int Series) _encodedFor = (-1, -1);

    public int Count => labels.Count;

    public ReadOnlySpan<byte> AsBytes()
    {
        if (_encodedFor != (labels.Count, series.Count)) Encode();
        return _encoded.Span;
    }

    public void Load(int count, ReadOnlySpan<byte> bytes)
    {
        labels.Clear();
        var destination = labels.Append(count);
        var position = 0;
        var previous = ReadOnlySpan<LabelRef>.Empty;
        var next = 0;
        foreach (var s in series.Span)
        {
            if (s.FirstLabel != next || s.LabelCount < 0 || next + s.LabelCount > count)
                throw new InvalidDataException($"series labels {s.FirstLabel}+{s.LabelCount} do not follow on from {next} (of {count})");
            var current = destination.Slice(next, s.LabelCount);
            var bitmap = Take(bytes, ref position, (2 * s.LabelCount + 7) / 8);
            for (var j = 0; j < current.Length; j++)
            {
                var name = Bit(bitmap, 2 * j) ? Same(previous, j).Name : ReadRef(bytes, ref position);
                var value = Bit(bitmap, 2 * j + 1) ? Same(previous, j).Value : ReadRef(bytes, ref position);
                current[j] = new LabelRef(name, value);
            }
            previous = current;
            next += s.LabelCount;
        }
        if (next != count || position != bytes.Length)
            throw new InvalidDataException($"series labels hold {count} labels in {bytes.Length} bytes; decoded {next} labels from {position} bytes");
        _encodedFor = (-1, -1);
    }

    public void Clear()
    {
        labels.Clear();
        _encoded.Clear();
        _encodedFor = (-1, -1);
    }

    public void Release()
    {
        labels.Release();
        _encoded.Release();
        _encodedFor = (-1, -1);
    }

    private void Encode()
    {
        _encoded.Clear();
        var all = labels.Span;
        var previous = ReadOnlySpan<LabelRef>.Empty;
        foreach (var s in series.Span)
        {
            var current = all.Slice(s.FirstLabel, s.LabelCount);
            var bitmap = _encoded.Append((2 * current.Length + 7) / 8);
            bitmap.Clear();
            var bitmapStart = _encoded.Count - bitmap.Length;
            for (var j = 0; j < current.Length; j++)
            {
                var nameSame = j < previous.Length && previous[j].Name == current[j].Name;
                var valueSame = j < previous.Length && previous[j].Value == current[j].Value;
                if (nameSame) _encoded[bitmapStart + (2 * j >> 3)] |= (byte)(1 << (2 * j & 7));
                else WriteRef(current[j].Name);
                if (valueSame) _encoded[bitmapStart + ((2 * j + 1) >> 3)] |= (byte)(1 << ((2 * j + 1) & 7));
                else WriteRef(current[j].Value);
            }
            previous = current;
        }
        _encodedFor = (labels.Count, series.Count);
    }

    private void WriteRef(Utf8Ref reference)
    {
        WriteVarint((uint)reference.Offset);
        WriteVarint((uint)reference.Length);
    }

    private void WriteVarint(uint value)
    {
        while (value >= 0x80)
        {
            _encoded.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _encoded.Add((byte)value);
    }

    private static LabelRef Same(ReadOnlySpan<LabelRef> previous, int index) =>
        index < previous.Length ? previous[index] : throw new InvalidDataException($"label {index} refers to a previous series that has only {previous.Length}");

    private static bool Bit(ReadOnlySpan<byte> bitmap, int bit) => (bitmap[bit >> 3] & (1 << (bit & 7))) != 0;

    private static Utf8Ref ReadRef(ReadOnlySpan<byte> bytes, ref int position)
    {
        var offset = ReadVarint(bytes, ref position);
        var length = ReadVarint(bytes, ref position);
        return new Utf8Ref((int)offset, (int)length);
    }

    private static uint ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= bytes.Length) throw new InvalidDataException("series labels end inside a varint");
            var b = bytes[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value <= int.MaxValue ? value : throw new InvalidDataException("series label varint out of range");
        }
        throw new InvalidDataException("series label varint longer than 5 bytes");
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int length)
    {
        if (position + length > bytes.Length) throw new InvalidDataException("series labels end inside a bitmap");
        var slice = bytes.Slice(position, length);
        position += length;
        return slice;
    }
}
