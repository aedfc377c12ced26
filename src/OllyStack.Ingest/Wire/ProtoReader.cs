using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OllyStack.Ingest.Wire;

/// <summary>
/// A forward-only protobuf reader over a span. Hand-written so that decoding OTLP and remote write allocates
/// nothing per record: strings and bytes come back as slices of the input. Every read is bounds-checked and
/// fails with a <see cref="MalformedPayloadException"/> naming the message being read.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data, string message)
    {
        _data = data;
        _message = message;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next tag; false at the end of the message.</summary>
    public bool Next(out int field, out WireType wireType)
    {
        if (_position >= _data.Length)
        {
            field = 0;
            wireType = default;
            return false;
        }
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        if (field <= 0 || tag > int.MaxValue) throw Malformed($"invalid field number {tag >> 3}");
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarint()
    {
        var data = _data;
        var position = _position;
        if (position < data.Length && data[position] < 0x80)
        {
            _position = position + 1;
            return data[position];
        }
        return ReadVarintSlow();
    }

    public long ReadInt64() => (long)ReadVarint();

    public uint ReadUInt32() => (uint)ReadVarint();

    public bool ReadBool() => ReadVarint() != 0;

    public int ReadSInt32()
    {
        var raw = (uint)ReadVarint();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    public ulong ReadFixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return value;
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw Malformed($"length {length} runs past the end of the message");
        return Take((int)length);
    }

    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.LengthDelimited: ReadBytes(); break;
            case WireType.Fixed32: Take(4); break;
            default: throw Malformed($"unsupported wire type {(int)wireType}");
        }
    }

    /// <summary>Checks the wire type a field arrived with against the one its definition needs.</summary>
    public readonly void Expect(WireType actual, WireType expected, string fieldName)
    {
        if (actual != expected) throw Malformed($"field {fieldName} has wire type {(int)actual}, expected {(int)expected}");
    }

    public readonly MalformedPayloadException Malformed(string problem) =>
        new($"malformed protobuf in {_message} at byte {_position}: {problem}");

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position) throw Malformed($"needs {length} bytes, {_data.Length - _position} left");
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    private ulong ReadVarintSlow()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw Malformed("truncated varint");
            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw Malformed("varint longer than 10 bytes");
    }
}
