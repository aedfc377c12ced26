using System.Globalization;
using System.Text.Json;
using Google.Protobuf;

namespace OllyStack.Benchmarks.Workloads;

/// <summary>
/// Loki push request bodies as Promtail and Grafana Alloy send them: a snappy-compressed <c>logproto.PushRequest</c>
/// (field numbers from Loki's push.proto: PushRequest 1 streams; StreamAdapter 1 labels, 2 entries; EntryAdapter
/// 1 timestamp, 2 line), or Loki's JSON (<c>{"streams": [{"stream": {...}, "values": [["ns", "line"], ...]}]}</c>).
/// </summary>
public static class LokiPushRequests
{
    /// <summary>The protobuf body before snappy.</summary>
    public static byte[] Protobuf(IEnumerable<LokiPushStream> streams) => Message(request =>
    {
        foreach (var stream in streams)
        {
            Field(request, 1, Message(adapter =>
            {
                adapter.WriteTag(1, WireFormat.WireType.LengthDelimited);
                adapter.WriteString(stream.LabelsText());
                foreach (var (time, line) in stream.Entries)
                {
                    Field(adapter, 2, Message(entry =>
                    {
                        Field(entry, 1, Message(timestamp =>
                        {
                            timestamp.WriteTag(1, WireFormat.WireType.Varint);
                            timestamp.WriteInt64(time / 1_000_000_000);
                            timestamp.WriteTag(2, WireFormat.WireType.Varint);
                            timestamp.WriteInt32((int)(time % 1_000_000_000));
                        }));
                        entry.WriteTag(2, WireFormat.WireType.LengthDelimited);
                        entry.WriteString(line);
                    }));
                }
            }));
        }
    });

    public static byte[] Json(IEnumerable<LokiPushStream> streams)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("streams");
            foreach (var stream in streams)
            {
                json.WriteStartObject();
                json.WriteStartObject("stream");
                foreach (var (name, value) in stream.Labels) json.WriteString(name, value);
                json.WriteEndObject();
                json.WriteStartArray("values");
                foreach (var (time, line) in stream.Entries)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(time.ToString(CultureInfo.InvariantCulture));
                    json.WriteStringValue(line);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true)) write(output);
        return buffer.ToArray();
    }

    private static void Field(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }
}
