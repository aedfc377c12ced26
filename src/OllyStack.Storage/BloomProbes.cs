namespace OllyStack.Storage;

/// <summary>
/// Where the probes of a Bloom filter land: double hashing from one 64-bit mix of the key (h1 its high half, h2 its
/// low half made odd), mapped onto the filter's 64 x <c>words</c> bits without a division. Shared by the trigram
/// filter of log blocks and the trace id filter of span parts.
/// </summary>
internal static class BloomProbes
{
    public static ulong Bit(ulong mixed, int probe, int words)
    {
        var first = (uint)(mixed >> 32);
        var second = (uint)mixed | 1;
        var hash = first + (uint)probe * second;
        return (ulong)hash * (ulong)(words * 64L) >> 32;
    }
}
