namespace OllyStack.Storage.Codecs;

/// <summary>Constants and limits of the sample block format (docs/format/sample-block.md).</summary>
public static class SampleBlockFormat
{
    public const int Version = 1;

    /// <summary>
    /// The most samples one block holds. Keeps the count varint to three bytes and bounds what a decoder ever
    /// decompresses into (<see cref="MaxBodyLength"/>: 1 MiB), whatever a corrupt header claims.
    /// </summary>
    public const int MaxSampleCount = 65_536;

    /// <summary>Checksum after the body: CRC-32C of every preceding byte of the block.</summary>
    public const int ChecksumLength = sizeof(uint);

    /// <summary>Format byte, encodings byte and three varints of at most three bytes each.</summary>
    internal const int MaxHeaderLength = 2 + 3 * 3;

    /// <summary>
    /// Each section takes at most eight bytes a sample, because raw is always a candidate and the smallest wins; a
    /// compressed body is kept only when smaller than the plain one.
    /// </summary>
    public static int MaxBodyLength(int sampleCount) => 2 * sizeof(long) * sampleCount;

    /// <summary>The most bytes <see cref="SampleBlockEncoder"/> writes for <paramref name="sampleCount"/> samples.</summary>
    public static int MaxEncodedLength(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleCount, MaxSampleCount);
        return MaxHeaderLength + MaxBodyLength(sampleCount) + ChecksumLength;
    }
}
