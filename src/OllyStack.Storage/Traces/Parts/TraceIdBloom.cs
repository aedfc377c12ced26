using System.Buffers.Binary;
using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// The Bloom filter over a span part's trace ids (docs/format/span-part.md, "Trace id Bloom filter"), checked before
/// the binary search so that most parts answer "not here" from a few bits. Ten bits and seven probes per id: about
/// one false positive in a hundred.
/// </summary>
public sealed class TraceIdBloom
{
    private const int BitsPerId = 10;
    private const int Probes = 7;
    private readonly ulong[] _words;

    private TraceIdBloom(ulong[] words) => _words = words;

    public int Words => _words.Length;

    public static TraceIdBloom Build(IReadOnlyCollection<TraceId> ids)
    {
        var words = new ulong[Math.Max(1, (ids.Count * BitsPerId + 63) / 64)];
        foreach (var id in ids)
            for (var probe = 0; probe < Probes; probe++)
            {
                var bit = BloomProbes.Bit(Mix(id), probe, words.Length);
                words[bit >> 6] |= 1UL << (int)(bit & 63);
            }
        return new TraceIdBloom(words);
    }

    /// <summary>False only if the id is certainly not in the part.</summary>
    public bool MayContain(TraceId id)
    {
        var mixed = Mix(id);
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = BloomProbes.Bit(mixed, probe, _words.Length);
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    public void Write(Span<byte> destination)
    {
        for (var i = 0; i < _words.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * 8)..], _words[i]);
    }

    public static TraceIdBloom Read(ReadOnlySpan<byte> source, int words)
    {
        var bits = new ulong[words];
        for (var i = 0; i < words; i++) bits[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(i * 8)..]);
        return new TraceIdBloom(bits);
    }

    /// <summary>Both halves folded and mixed (SplitMix64's finalizer): ids need not be random for the probes to spread.</summary>
    private static ulong Mix(TraceId id)
    {
        var x = unchecked(id.High * 0x9E3779B97F4A7C15UL) ^ id.Low;
        x ^= x >> 31;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        return x ^ (x >> 29);
    }
}
