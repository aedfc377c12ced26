using Google.Protobuf;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// Hand-built protobuf for what the generated types never write: fields out of order, repeated scalars unpacked,
/// wrong wire types and cut-off messages.
/// </summary>
internal static class ProtobufWire
{
    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>The message's top-level fields, each with its tag, in reverse order.</summary>
    public static byte[] Reversed(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<byte[]>();
        while (true)
        {
            var start = (int)input.Position;
            if (input.ReadTag() == 0) break;
            input.SkipLastField();
            fields.Add(message[start..(int)input.Position]);
        }
        fields.Reverse();
        return [.. fields.SelectMany(f => f)];
    }

    public static byte[] Reversed(IMessage message) => Reversed(message.ToByteArray());

    public static void Field(this CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    public static void Field(this CodedOutputStream output, int field, IMessage message) => output.Field(field, message.ToByteArray());

    public static void Text(this CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    public static void Varint(this CodedOutputStream output, int field, ulong value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteUInt64(value);
    }

    public static void Fixed64(this CodedOutputStream output, int field, ulong value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed64);
        output.WriteFixed64(value);
    }

    public static void Double(this CodedOutputStream output, int field, double value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed64);
        output.WriteDouble(value);
    }

    /// <summary>An Export*ServiceRequest (or *Data) with one resource entry in field 1.</summary>
    public static byte[] Request(byte[] resourceEntry) => Message(o => o.Field(1, resourceEntry));
}
