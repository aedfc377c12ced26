using Google.Protobuf;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// Loki's logproto.PushRequest written field by field (field numbers from Loki's push.proto): PushRequest 1 streams;
/// StreamAdapter 1 labels, 2 entries, 3 hash; EntryAdapter 1 timestamp, 2 line, 3 structuredMetadata (1 name, 2 value).
/// </summary>
internal static class LokiProtobuf
{
    public static byte[] Push(params byte[][] streams) => ProtobufWire.Message(o =>
    {
        foreach (var stream in streams) o.Field(1, stream);
    });

    public static byte[] Stream(string labels, params byte[][] entries) => ProtobufWire.Message(o =>
    {
        o.Text(1, labels);
        foreach (var entry in entries) o.Field(2, entry);
        o.Varint(3, 0x9e3779b97f4a7c15);
    });

    public static byte[] Entry(long timeUnixNano, string line, params (string Name, string Value)[] metadata) =>
        Entry(Timestamp(timeUnixNano / 1_000_000_000, timeUnixNano % 1_000_000_000), line, metadata);

    public static byte[] Entry(byte[] timestamp, string line, params (string Name, string Value)[] metadata) => ProtobufWire.Message(o =>
    {
        o.Field(1, timestamp);
        o.Text(2, line);
        foreach (var (name, value) in metadata) o.Field(3, ProtobufWire.Message(p => { p.Text(1, name); p.Text(2, value); }));
    });

    /// <summary>A google.protobuf.Timestamp; negative values are written as protobuf writes int64 and int32, in ten bytes.</summary>
    public static byte[] Timestamp(long seconds, long nanos) => ProtobufWire.Message(o =>
    {
        o.Varint(1, (ulong)seconds);
        o.Varint(2, (ulong)nanos);
    });

    public static byte[] Snappy(byte[] message) => Snappier.Snappy.CompressToArray(message);
}
