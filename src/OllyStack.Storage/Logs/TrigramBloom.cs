using System.Buffers.Binary;
using System.Text;

namespace OllyStack.Storage.Logs;

/// <summary>
/// A Bloom filter over every three-byte run (trigram) of a block's bodies in UTF-8, so that a line filter
/// (<c>|= "text"</c>, a substring test) can skip a block: if any trigram of the text is missing, no body of the block
/// contains it. Tokens would be smaller but cannot answer substrings (<c>|= "time"</c> inside <c>timeout</c>).
/// Eight bits and four probes per distinct trigram: about one false positive in forty per trigram, and a text passes
/// only if all its trigrams do. Ten bits made the filter a third of a LogHub block; six let one in sixteen blocks
/// through for a text whose trigrams were mostly common words (`logstore` bench). Layout: the bits as little-endian 64-bit words, nothing else (the size is the length).
/// </summary>
public static class TrigramBloom
{
    private const int BitsPerTrigram = 8;
    private const int Probes = 4;

    /// <summary>The filter for <paramref name="bodies"/>; empty when they have no trigram.</summary>
    public static byte[] Build(IEnumerable<string> bodies)
    {
        var trigrams = new HashSet<uint>();
        var buffer = new byte[256];
        foreach (var body in bodies)
        {
            var length = Encoding.UTF8.GetByteCount(body);
            if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
            Encoding.UTF8.GetBytes(body, buffer);
            for (var i = 0; i + 3 <= length; i++) trigrams.Add(Trigram(buffer.AsSpan(i)));
        }
        if (trigrams.Count == 0) return [];
        var words = (int)Math.Min(((long)trigrams.Count * BitsPerTrigram + 63) / 64, int.MaxValue / 8);
        var bits = new ulong[words];
        foreach (var trigram in trigrams)
            for (var probe = 0; probe < Probes; probe++)
            {
                var bit = Bit(trigram, probe, words);
                bits[bit >> 6] |= 1UL << (int)(bit & 63);
            }
        var bytes = new byte[words * 8];
        for (var i = 0; i < words; i++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), bits[i]);
        return bytes;
    }

    /// <summary>
    /// False only if no body of the filter's block contains <paramref name="text"/>. Texts shorter than a trigram,
    /// and an empty filter of a block whose bodies are all that short, answer true only when they must.
    /// </summary>
    public static bool MayContain(ReadOnlySpan<byte> filter, ReadOnlySpan<byte> text)
    {
        if (text.Length < 3) return true;
        if (filter.IsEmpty) return false;
        var words = filter.Length / 8;
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            var trigram = Trigram(text[i..]);
            for (var probe = 0; probe < Probes; probe++)
            {
                var bit = Bit(trigram, probe, words);
                var word = BinaryPrimitives.ReadUInt64LittleEndian(filter[(int)(bit >> 6 << 3)..]);
                if ((word & (1UL << (int)(bit & 63))) == 0) return false;
            }
        }
        return true;
    }

    private static uint Trigram(ReadOnlySpan<byte> at) => (uint)(at[0] << 16 | at[1] << 8 | at[2]);

    /// <summary>The probes of <see cref="BloomProbes"/> over the trigram's golden-ratio multiple.</summary>
    private static ulong Bit(uint trigram, int probe, int words) => BloomProbes.Bit((trigram + 1UL) * 0x9E3779B97F4A7C15UL, probe, words);
}
