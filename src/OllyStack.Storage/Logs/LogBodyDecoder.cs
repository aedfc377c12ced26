using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OllyStack.Core.Durability;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Logs;

/// <summary>
/// Reads a block <see cref="LogBodyEncoder"/> wrote back into its bodies, in order. Anything that is not a valid
/// block (cut short, corrupted, made up) throws <see cref="InvalidDataException"/>; the checksum is verified before
/// anything is decompressed. Reuse one decoder; not thread-safe.
/// </summary>
public sealed class LogBodyDecoder : IDisposable
{
    private ZstdSharp.Decompressor? _zstandard;

    public string[] Decode(ReadOnlySpan<byte> block)
    {
        var payload = Unseal(block);
        var rest = Varint.ReadBounded(payload, payload.Length, "body count", out var bodyCount);
        rest = Varint.ReadBounded(rest, rest.Length, "template count", out var templateCount);
        var templates = new string[templateCount][];
        for (var t = 0; t < templateCount; t++)
        {
            rest = Varint.ReadBounded(rest, rest.Length, "template token count", out var tokenCount);
            templates[t] = new string[tokenCount];
            for (var i = 0; i < tokenCount; i++) rest = ByteWrites.ReadText(rest, out templates[t][i]);
        }
        var refs = new int[bodyCount];
        for (var i = 0; i < bodyCount; i++) rest = Varint.ReadBounded(rest, templateCount, "template reference", out refs[i]);
        var bodies = new string[bodyCount];
        for (var i = 0; i < bodyCount; i++)
            if (refs[i] == 0) rest = ByteWrites.ReadText(rest, out bodies[i]);
        rest = ReadSlotValues(rest, templates, refs, out var values);
        if (!rest.IsEmpty) throw new InvalidDataException($"{rest.Length} bytes left over after the values");
        var next = new int[templateCount];
        var builder = new StringBuilder();
        for (var i = 0; i < bodyCount; i++)
        {
            if (refs[i] == 0) continue;
            var template = refs[i] - 1;
            builder.Clear();
            LogBodyTemplates.TryFill(templates[template], values[template][next[template]++], builder);
            bodies[i] = builder.ToString();
        }
        return bodies;
    }

    public void Dispose() => _zstandard?.Dispose();

    /// <summary>Per template, per body that uses it, the body's variables: read slot column by slot column.</summary>
    private static ReadOnlySpan<byte> ReadSlotValues(ReadOnlySpan<byte> rest, string[][] templates, int[] refs, out string[][][] values)
    {
        var usesOf = new int[templates.Length];
        foreach (var reference in refs)
            if (reference > 0) usesOf[reference - 1]++;
        values = new string[templates.Length][][];
        for (var t = 0; t < templates.Length; t++)
        {
            var uses = usesOf[t];
            var slots = LogBodyTemplates.SlotCount(templates[t]);
            values[t] = new string[uses][];
            for (var use = 0; use < uses; use++) values[t][use] = new string[slots];
            for (var slot = 0; slot < slots; slot++)
            {
                if (rest.IsEmpty) throw new InvalidDataException("variable slots end early");
                var kind = rest[0];
                rest = rest[1..];
                var previous = 0L;
                for (var use = 0; use < uses; use++)
                {
                    switch (kind)
                    {
                        case LogBodyFormat.KindInteger:
                            rest = Varint.ReadSigned(rest, out var difference);
                            previous = unchecked(previous + difference);
                            values[t][use][slot] = previous.ToString(CultureInfo.InvariantCulture);
                            break;
                        case LogBodyFormat.KindText:
                            rest = ByteWrites.ReadText(rest, out values[t][use][slot]);
                            break;
                        default:
                            throw new InvalidDataException($"unknown slot kind {kind}");
                    }
                }
            }
        }
        return rest;
    }

    /// <summary>The plain payload, once header and checksum are checked and the body is decompressed if it was.</summary>
    private ReadOnlySpan<byte> Unseal(ReadOnlySpan<byte> block)
    {
        if (block.Length < 3 + LogBodyFormat.ChecksumLength) throw new InvalidDataException("log body block cut short");
        var checksumAt = block.Length - LogBodyFormat.ChecksumLength;
        if (BinaryPrimitives.ReadUInt32LittleEndian(block[checksumAt..]) != Crc32C.Compute(block[..checksumAt]))
            throw new InvalidDataException("log body block checksum mismatch");
        if (block[0] != LogBodyFormat.Version) throw new InvalidDataException($"log body block version {block[0]} is not {LogBodyFormat.Version}");
        var compression = (BlockCompression)block[1];
        var stored = Varint.ReadBounded(block[2..checksumAt], LogBodyFormat.MaxPayloadLength, "payload length", out var plainLength);
        switch (compression)
        {
            case BlockCompression.None:
                if (stored.Length != plainLength) throw new InvalidDataException($"payload is {stored.Length} bytes, header says {plainLength}");
                return stored;
            case BlockCompression.Zstandard:
                _zstandard ??= ZstandardSettings.CreateDecompressor();
                var plain = new byte[plainLength];
                ZstandardSettings.DecompressExactly(_zstandard, stored, plain, "Zstandard payload");
                return plain;
            default:
                throw new InvalidDataException($"unknown compression {block[1]}");
        }
    }
}
