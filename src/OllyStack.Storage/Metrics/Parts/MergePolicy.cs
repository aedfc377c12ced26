using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// Which parts of a partition to merge next. Flushes add level-0 parts; every <see cref="FanIn"/> adjacent parts of
/// one level become one part of the next level, so a partition holds a few parts per level and each sample is
/// rewritten about log4(flushes) times. A closed partition, one no sample can be added to in order any more, is
/// merged into a single part, which is where it reaches its final, smallest size. Parts of the first levels, which
/// live for minutes, are written fast (<see cref="CodecFor"/>).
/// </summary>
public static class MergePolicy
{
    public const int FanIn = 4;

    /// <summary>
    /// From this level on (and for a closed day's final part) merges write the smallest encodings with Zstandard.
    /// Below it parts span minutes and are merged again soon, so they stay fast to write: quick encodings, LZ4.
    /// </summary>
    public const int FirstCompactLevel = 2;

    /// <param name="parts">The partition's parts, oldest data first.</param>
    /// <param name="closed">True once the partition's day lies behind the newest sample by more than the out-of-order window.</param>
    /// <returns>Adjacent parts to merge, or an empty list.</returns>
    public static IReadOnlyList<MetricPart> Pick(IReadOnlyList<MetricPart> parts, bool closed)
    {
        if (closed) return parts.Count > 1 ? parts : [];
        for (var start = 0; start + FanIn <= parts.Count; start++)
        {
            var level = parts[start].Header.Level;
            var run = 1;
            while (run < FanIn && parts[start + run].Header.Level == level) run++;
            if (run == FanIn) return parts.Skip(start).Take(FanIn).ToList();
        }
        return [];
    }

    /// <summary>How a merge writes its part: compact (smallest encodings, Zstandard) or fast (quick encodings, LZ4).</summary>
    public static (BlockCompression Compression, EncodingEffort Effort) CodecFor(int level, bool final) =>
        final || level >= FirstCompactLevel ? (BlockCompression.Zstandard, EncodingEffort.Smallest) : (BlockCompression.Lz4, EncodingEffort.Fast);

    /// <summary>The level of the part merged from <paramref name="sources"/>; a final part is compact, so at least <see cref="FirstCompactLevel"/>.</summary>
    public static int LevelAfter(IReadOnlyList<MetricPart> sources, bool final = false) =>
        Math.Min(byte.MaxValue, Math.Max(sources.Max(p => p.Header.Level) + 1, final ? FirstCompactLevel : 0));
}
