namespace OllyStack.Storage.Metrics.Parts;

/// <summary>Constants of the metric part file (docs/format/metric-part.md).</summary>
public static class MetricPartFormat
{
    public const byte Version = 1;
    public const int HeaderLength = 64;

    /// <summary>A metric part's file name is its <see cref="PartId"/> and this.</summary>
    public const string Extension = ".part";

    /// <summary>
    /// Samples per block: large enough that a block's header and checksum cost well under a bit a sample, small
    /// enough that reading a few minutes of a long series decodes little beyond what is asked for.
    /// </summary>
    public const int MaxBlockSamples = 1024;

    internal static ReadOnlySpan<byte> Magic => "OSMP"u8;
}
