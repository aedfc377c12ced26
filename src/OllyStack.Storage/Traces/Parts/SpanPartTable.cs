using System.Buffers;
using OllyStack.Core.Batches;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// The table of a span part (docs/format/span-part.md, "Part table"), held in memory while the part is open: its
/// services and operations, its blocks, its trace ids in order and their Bloom filter.
/// </summary>
public sealed class SpanPartTable
{
    private readonly TraceId[] _traceIds;

    internal SpanPartTable(string[] services, SpanOperation[] operations, SpanBlockRef[] blocks, TraceId[] traceIds, TraceIdBloom bloom)
    {
        Services = services;
        Operations = operations;
        Blocks = blocks;
        _traceIds = traceIds;
        Bloom = bloom;
    }

    /// <summary>The services of the part's spans, sorted.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>The operations of the part's spans, sorted by service, name and kind.</summary>
    public IReadOnlyList<SpanOperation> Operations { get; }

    public IReadOnlyList<SpanBlockRef> Blocks { get; }

    /// <summary>The part's trace ids, ascending.</summary>
    public IReadOnlyList<TraceId> TraceIds => _traceIds;

    public TraceIdBloom Bloom { get; }

    /// <summary>The block holding the trace's spans, or null if the part has none: the Bloom filter first, then a binary search.</summary>
    public SpanBlockRef? BlockOf(TraceId traceId)
    {
        if (!Bloom.MayContain(traceId)) return null;
        var trace = Array.BinarySearch(_traceIds, traceId, TraceIdOrder.Instance);
        if (trace < 0) return null;
        int low = 0, high = Blocks.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >>> 1;
            if (Blocks[middle].FirstTrace <= trace) low = middle;
            else high = middle - 1;
        }
        return Blocks[low];
    }

    internal void Write(IBufferWriter<byte> output)
    {
        output.WriteVarint((ulong)Services.Count);
        foreach (var service in Services) output.WriteText(service);
        var serviceIndexes = Services.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        output.WriteVarint((ulong)Operations.Count);
        foreach (var operation in Operations)
        {
            output.WriteVarint((ulong)serviceIndexes[operation.Service]);
            output.WriteText(operation.Name);
            output.WriteByte(operation.Kind);
        }
        output.WriteVarint((ulong)Blocks.Count);
        foreach (var block in Blocks)
        {
            output.WriteVarint((ulong)block.Offset);
            output.WriteVarint((ulong)block.Length);
            output.WriteSignedVarint(block.MinStartUnixNano);
            output.WriteVarint((ulong)(block.MaxStartUnixNano - block.MinStartUnixNano));
            output.WriteVarint((ulong)block.SpanCount);
            output.WriteVarint((ulong)block.TraceCount);
        }
        foreach (var id in TraceIds)
        {
            id.Write(output.GetSpan(TraceId.Length));
            output.Advance(TraceId.Length);
        }
        output.WriteVarint((ulong)Bloom.Words);
        Bloom.Write(output.GetSpan(Bloom.Words * 8));
        output.Advance(Bloom.Words * 8);
    }

    /// <param name="blocksEnd">Where the blocks end (the table's offset): every block must lie before it.</param>
    internal static SpanPartTable Read(ReadOnlySpan<byte> source, long blocksEnd)
    {
        var rest = Varint.ReadBounded(source, source.Length, "service count", out var serviceCount);
        var services = new string[serviceCount];
        for (var s = 0; s < serviceCount; s++) rest = ByteWrites.ReadText(rest, out services[s]);
        rest = Varint.ReadBounded(rest, rest.Length, "operation count", out var operationCount);
        var operations = new SpanOperation[operationCount];
        for (var o = 0; o < operationCount; o++)
        {
            rest = Varint.ReadBounded(rest, int.MaxValue, "operation service", out var service);
            if (service >= serviceCount) throw new InvalidDataException($"operation service {service} is past {serviceCount} services");
            rest = ByteWrites.ReadText(rest, out var name);
            if (rest.IsEmpty) throw new InvalidDataException("the operations end early");
            operations[o] = new SpanOperation(services[service], name, rest[0]);
            rest = rest[1..];
        }
        rest = ReadBlocks(rest, blocksEnd, out var blocks, out var traceCount);
        if (rest.Length < (long)traceCount * TraceId.Length) throw new InvalidDataException("the trace ids end early");
        var traceIds = new TraceId[traceCount];
        for (var t = 0; t < traceCount; t++)
        {
            traceIds[t] = TraceId.Read(rest[(t * TraceId.Length)..]);
            if (t > 0 && TraceIdOrder.Instance.Compare(traceIds[t - 1], traceIds[t]) >= 0) throw new InvalidDataException("the trace ids are not ascending");
        }
        rest = Varint.ReadBounded(rest[(traceCount * TraceId.Length)..], rest.Length / 8, "Bloom filter words", out var words);
        if (words == 0 || rest.Length != words * 8) throw new InvalidDataException("the table does not end with its Bloom filter");
        return new SpanPartTable(services, operations, blocks, traceIds, TraceIdBloom.Read(rest, words));
    }

    private static ReadOnlySpan<byte> ReadBlocks(ReadOnlySpan<byte> source, long blocksEnd, out SpanBlockRef[] blocks, out int traceCount)
    {
        var rest = Varint.ReadBounded(source, source.Length, "block count", out var count);
        blocks = new SpanBlockRef[count];
        traceCount = 0;
        for (var b = 0; b < count; b++)
        {
            rest = Varint.Read(rest, out var offset);
            rest = Varint.ReadBounded(rest, int.MaxValue, "block length", out var length);
            rest = Varint.ReadSigned(rest, out var minStart);
            rest = Varint.Read(rest, out var span);
            rest = Varint.ReadBounded(rest, SpanBlockFormat.MaxSpans, "block span count", out var spans);
            rest = Varint.ReadBounded(rest, spans, "block trace count", out var traces);
            if (offset < PartKind.HeaderLength || offset + (ulong)length > (ulong)blocksEnd || length < PartBlockFrame.Length || traces == 0)
                throw new InvalidDataException($"a block at {offset} of {length} bytes does not lie within the blocks");
            blocks[b] = new SpanBlockRef((long)offset, length, minStart, unchecked(minStart + (long)span), spans, traceCount, traces);
            traceCount = checked(traceCount + traces);
        }
        return rest;
    }
}
