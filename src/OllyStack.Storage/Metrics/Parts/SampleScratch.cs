using System.Collections.Concurrent;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// What reading blocks out of parts needs and reuses: a decoder, room for one series' block bytes and one block's
/// samples, and lists to assemble a series' samples in. One per reading thread; after the largest series, reading
/// allocates nothing.
/// </summary>
public sealed class SampleScratch : IDisposable
{
    // Reads of a few series are common (a single-host panel): growing fresh lists to a day of samples, block by
    // block, would cost such a read more than decoding it, so finished scratches wait here for the next read.
    private static readonly ConcurrentBag<SampleScratch> Idle = [];
    private static int _idleCount;

    /// <summary>An idle scratch, or a new one; give it back with <see cref="Return"/>.</summary>
    public static SampleScratch Rent()
    {
        if (!Idle.TryTake(out var scratch)) return new SampleScratch();
        Interlocked.Decrement(ref _idleCount);
        return scratch;
    }

    /// <summary>Keeps <paramref name="scratch"/> for the next read, up to two per core; disposes the rest.</summary>
    public static void Return(SampleScratch scratch)
    {
        if (Interlocked.Increment(ref _idleCount) <= 2 * Environment.ProcessorCount)
        {
            Idle.Add(scratch);
            return;
        }
        Interlocked.Decrement(ref _idleCount);
        scratch.Dispose();
    }

    public SampleBlockDecoder Decoder { get; } = new();

    public byte[] Bytes { get; private set; } = new byte[4096];

    public long[] Timestamps { get; } = new long[MetricPartFormat.MaxBlockSamples];

    public double[] Values { get; } = new double[MetricPartFormat.MaxBlockSamples];

    /// <summary>The series being read, all parts merged.</summary>
    public List<long> SeriesTimestamps { get; } = [];

    public List<double> SeriesValues { get; } = [];

    /// <summary>One part's samples of the series, when they overlap what earlier parts gave and must be merged in.</summary>
    public List<long> RunTimestamps { get; } = [];

    public List<double> RunValues { get; } = [];

    public byte[] BytesFor(int length)
    {
        if (Bytes.Length < length) Bytes = new byte[Math.Max(length, Bytes.Length * 2)];
        return Bytes;
    }

    public void Dispose() => Decoder.Dispose();
}
