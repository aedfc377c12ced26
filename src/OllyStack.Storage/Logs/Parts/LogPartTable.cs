using System.Buffers;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>The stream table of a log part (docs/format/log-part.md, "Stream table"): every stream's labels and blocks.</summary>
internal static class LogPartTable
{
    public static void Write(IReadOnlyList<LogPartStream> streams, IBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)streams.Count);
        foreach (var stream in streams)
        {
            output.WriteVarint((ulong)stream.Stream.Labels.Count);
            foreach (var label in stream.Stream.Labels)
            {
                output.WriteText(label.Key);
                output.WriteText(label.Value);
            }
            output.WriteVarint((ulong)stream.Blocks.Length);
            foreach (var block in stream.Blocks)
            {
                output.WriteVarint((ulong)block.Offset);
                output.WriteVarint((ulong)block.Length);
                output.WriteSignedVarint(block.MinTimeUnixNano);
                output.WriteVarint((ulong)(block.MaxTimeUnixNano - block.MinTimeUnixNano));
                output.WriteVarint((ulong)block.RecordCount);
            }
        }
    }

    /// <param name="blocksEnd">Where the blocks end (the table's offset): every block must lie before it.</param>
    public static List<LogPartStream> Read(ReadOnlySpan<byte> source, long blocksEnd, Func<KeyValuePair<string, string>[], LogStream> intern)
    {
        var rest = Varint.ReadBounded(source, source.Length, "stream count", out var count);
        var streams = new List<LogPartStream>(count);
        for (var s = 0; s < count; s++)
        {
            rest = Varint.ReadBounded(rest, rest.Length, "label count", out var labelCount);
            var labels = new KeyValuePair<string, string>[labelCount];
            for (var i = 0; i < labelCount; i++)
            {
                rest = ByteWrites.ReadText(rest, out var name);
                rest = ByteWrites.ReadText(rest, out var value);
                labels[i] = new(name, value);
            }
            rest = Varint.ReadBounded(rest, rest.Length, "block count", out var blockCount);
            var blocks = new LogBlockRef[blockCount];
            for (var b = 0; b < blockCount; b++) rest = ReadBlock(rest, blocksEnd, out blocks[b]);
            streams.Add(new LogPartStream(intern(labels), blocks));
        }
        if (!rest.IsEmpty) throw new InvalidDataException($"{rest.Length} bytes left over after the stream table");
        return streams;
    }

    private static ReadOnlySpan<byte> ReadBlock(ReadOnlySpan<byte> source, long blocksEnd, out LogBlockRef block)
    {
        var rest = Varint.Read(source, out var offset);
        rest = Varint.ReadBounded(rest, int.MaxValue, "block length", out var length);
        rest = Varint.ReadSigned(rest, out var minTime);
        rest = Varint.Read(rest, out var span);
        rest = Varint.ReadBounded(rest, LogBlockFormat.MaxRows, "block record count", out var records);
        if (offset < PartKind.HeaderLength || offset + (ulong)length > (ulong)blocksEnd || length < PartBlockFrame.Length || records == 0)
            throw new InvalidDataException($"a block at {offset} of {length} bytes does not lie within the blocks");
        block = new LogBlockRef((long)offset, length, minTime, unchecked(minTime + (long)span), records);
        return rest;
    }
}
