namespace OllyStack.Storage.Codecs;

/// <summary>
/// How hard <see cref="SampleBlockEncoder"/> searches for the smallest encoding. Both write the same format and
/// decode alike; they differ in which encodings are tried.
/// </summary>
public enum EncodingEffort
{
    /// <summary>Every encoding, sizes computed exactly: for parts that stay (merged parts).</summary>
    Smallest,

    /// <summary>
    /// Only the encodings without a fixed search cost per block: constant values or timestamps, delta-of-delta
    /// timestamps without offset or divisor search, XOR values. For flushed parts, whose blocks hold a few samples
    /// each and are rewritten by the next merge anyway.
    /// </summary>
    Fast,
}
