using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// What reading blocks out of parts needs and reuses: a decoder and room for one block's bytes and samples. One per
/// reading thread; after the largest block, reading allocates nothing.
/// </summary>
public sealed class SampleScratch : IDisposable
{
    public SampleBlockDecoder Decoder { get; } = new();

    public byte[] Bytes { get; private set; } = new byte[4096];

    public long[] Timestamps { get; } = new long[MetricPartFormat.MaxBlockSamples];

    public double[] Values { get; } = new double[MetricPartFormat.MaxBlockSamples];

    public byte[] BytesFor(int length)
    {
        if (Bytes.Length < length) Bytes = new byte[Math.Max(length, Bytes.Length * 2)];
        return Bytes;
    }

    public void Dispose() => Decoder.Dispose();
}
