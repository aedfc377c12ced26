using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using OllyStack.Core.Durability;
using OllyStack.Storage.Codecs;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Writes a block of log bodies (docs/format/log-body-block.md): each body that a mined template reproduces exactly
/// becomes the template's index plus its variables, stored column by column (all values of one template's one slot
/// together, integer columns as differences), and the rest are kept whole; the whole payload is then Zstandard-compressed when
/// that is smaller. The block carries the templates as they were when it was written, so later generalisation
/// never changes what it decodes to. Reuse one encoder; not thread-safe.
/// </summary>
public sealed class LogBodyEncoder : IDisposable
{
    private readonly ZstdSharp.Compressor _zstandard = ZstandardSettings.CreateCompressor(ZstandardSettings.DefaultLevel);
    private readonly List<Range> _tokens = [];
    private readonly StringBuilder _rebuilt = new();

    /// <summary>
    /// The block for <paramref name="bodies"/>, mined into <paramref name="miner"/> on the way (a body seen at
    /// <paramref name="timesUnixNano"/>[i]).
    /// </summary>
    public byte[] Encode(IReadOnlyList<string> bodies, IReadOnlyList<long> timesUnixNano, TemplateMiner miner)
    {
        var mined = new LogTemplate?[bodies.Count];
        for (var i = 0; i < bodies.Count; i++) mined[i] = miner.Add(bodies[i], timesUnixNano[i]);
        // Templates only ever generalise, so each one as it stands after the whole block rebuilds all its bodies.
        var templates = new List<string[]>();
        var templateIndex = new Dictionary<LogTemplate, int>(ReferenceEqualityComparer.Instance);
        var slotValues = new List<List<List<string>>>();
        var refs = new int[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            if (mined[i] is not { } template || Variables(bodies[i], template.Tokens) is not { } variables) continue;
            if (!templateIndex.TryGetValue(template, out var index))
            {
                templateIndex[template] = index = templates.Count;
                templates.Add([.. template.Tokens]);
                slotValues.Add(Enumerable.Range(0, LogBodyTemplates.SlotCount(template.Tokens)).Select(_ => new List<string>()).ToList());
            }
            refs[i] = index + 1;
            for (var slot = 0; slot < variables.Count; slot++) slotValues[index][slot].Add(variables[slot]);
        }
        return Seal(Payload(bodies, templates, refs, slotValues));
    }

    public void Dispose() => _zstandard.Dispose();

    /// <summary>The body's variables in slot order, or null when the template does not rebuild it exactly (whitespace, odd shapes).</summary>
    private List<string>? Variables(string body, IReadOnlyList<string> template)
    {
        _tokens.Clear();
        LogTokens.Split(body, _tokens);
        if (_tokens.Count != template.Count) return null;
        var variables = new List<string>();
        for (var i = 0; i < template.Count; i++)
        {
            var token = body.AsSpan()[_tokens[i]];
            if (LogTemplate.IsWildcard(template[i])) variables.Add(token.ToString());
            else if (template[i].Contains(LogTemplate.Wildcard, StringComparison.Ordinal)) LogTokens.AddVariableRuns(token, variables);
        }
        _rebuilt.Clear();
        return LogBodyTemplates.TryFill(template, variables, _rebuilt) && _rebuilt.Equals(body) ? variables : null;
    }

    private static byte[] Payload(IReadOnlyList<string> bodies, List<string[]> templates, int[] refs, List<List<List<string>>> slotValues)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        output.WriteVarint((ulong)bodies.Count);
        output.WriteVarint((ulong)templates.Count);
        foreach (var template in templates)
        {
            output.WriteVarint((ulong)template.Length);
            foreach (var token in template) output.WriteText(token);
        }
        foreach (var reference in refs) output.WriteVarint((ulong)reference);
        for (var i = 0; i < bodies.Count; i++)
            if (refs[i] == 0) output.WriteText(bodies[i]);
        foreach (var slots in slotValues)
        foreach (var slot in slots)
            WriteSlot(output, slot);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One slot's values: as integers, each the difference from the one before (sizes, ports and ids that count up
    /// cost a byte or two), when every value is an integer written the one way it prints; else as text.
    /// </summary>
    private static void WriteSlot(ArrayBufferWriter<byte> output, List<string> values)
    {
        var integers = new long[values.Count];
        var allIntegers = true;
        for (var i = 0; i < values.Count && allIntegers; i++) allIntegers = LogBodyTemplates.TryParseCanonicalInteger(values[i], out integers[i]);
        output.WriteByte(allIntegers ? LogBodyFormat.KindInteger : LogBodyFormat.KindText);
        var previous = 0L;
        for (var i = 0; i < values.Count; i++)
        {
            if (!allIntegers)
            {
                output.WriteText(values[i]);
                continue;
            }
            output.WriteSignedVarint(unchecked(integers[i] - previous));
            previous = integers[i];
        }
    }

    /// <summary>Header, the payload compressed when that is smaller, and the checksum.</summary>
    private byte[] Seal(byte[] payload)
    {
        var bound = ZstdSharp.Compressor.GetCompressBound(payload.Length);
        var compressed = new byte[bound];
        var compressedLength = _zstandard.Wrap(payload, compressed);
        var useCompressed = compressedLength < payload.Length;
        var compression = useCompressed ? BlockCompression.Zstandard : BlockCompression.None;
        var body = useCompressed ? compressed.AsSpan(0, compressedLength) : payload.AsSpan();
        var block = new byte[LogBodyFormat.MaxHeaderLength + body.Length + LogBodyFormat.ChecksumLength];
        block[0] = LogBodyFormat.Version;
        block[1] = (byte)compression;
        var at = 2 + Varint.Write(block.AsSpan(2), (ulong)payload.Length);
        body.CopyTo(block.AsSpan(at));
        at += body.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(at), Crc32C.Compute(block.AsSpan(0, at)));
        return block[..(at + LogBodyFormat.ChecksumLength)];
    }
}
