using OllyStack.Storage.Codecs;
using OllyStack.Storage.Metrics;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>Merging: which parts, and what the merged part holds.</summary>
public sealed class MergeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-merge-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void MergingUnitesSeriesAndTheNewestPartWinsADuplicateTimestamp()
    {
        var older = PartFiles.Write(_directory, new PartId(0, 0), 0, (1, [(1_000, 1), (2_000, 2)]), (4, [(1_000, 40)]));
        var newer = PartFiles.Write(_directory, new PartId(1, 1), 0, (1, [(2_000, 20), (3_000, 3)]), (2, [(5_000, 5)]));

        var merged = PartMerger.Merge([older, newer], _directory, final: false, CancellationToken.None);

        Assert.Equal(new PartId(0, 1), merged.Id);
        Assert.Equal(1, merged.Header.Level);
        Assert.Equal(5, merged.Header.SampleCount);
        Assert.Equal([(1_000L, 1.0), (2_000L, 20.0), (3_000L, 3.0)], PartFiles.Read(merged, 1));
        Assert.Equal([(5_000L, 5.0)], PartFiles.Read(merged, 2));
        Assert.Equal([(1_000L, 40.0)], PartFiles.Read(merged, 4));
        foreach (var part in new[] { older, newer, merged }) part.Close();
    }

    [Fact]
    public void CompactMergesComeOutSmallerThanTheirSources()
    {
        var sources = Enumerable.Range(0, 4)
            .Select(i => PartFiles.Write(_directory, new PartId(i, i), 1, BlockCompression.Lz4,
                Enumerable.Range(0, 50).Select(s => ((uint)s, PartFiles.Samples(i * 60_000, 15_000, 4, v => Math.Round(Math.Sin(v + s) * 100, 1)))).ToArray()))
            .ToList();

        var merged = PartMerger.Merge(sources, _directory, final: false, CancellationToken.None);

        Assert.Equal(2, merged.Header.Level);
        Assert.Equal(800, merged.Header.SampleCount);
        Assert.True(merged.Length < sources.Sum(p => p.Length) / 2, $"merged {merged.Length} bytes from {sources.Sum(p => p.Length)}");
        foreach (var part in sources.Append(merged)) part.Close();
    }

    [Fact]
    public void FourAdjacentPartsOfALevelMergeAndAClosedPartitionMergesWhole()
    {
        var levels = new[] { 2, 1, 1, 0, 0, 0, 0, 0 };
        var parts = levels.Select((level, i) => PartFiles.Write(_directory, new PartId(i, i), level, (1, [(i * 1_000L, i)]))).ToList();

        Assert.Equal([3L, 4, 5, 6], MergePolicy.Pick(parts, closed: false).Select(p => p.Id.First));
        Assert.Empty(MergePolicy.Pick(parts[..7].Where(p => p.Header.Level > 0).ToList(), closed: false));
        Assert.Equal(parts.Count, MergePolicy.Pick(parts, closed: true).Count);
        Assert.Empty(MergePolicy.Pick(parts[..1], closed: true));
        Assert.Equal(3, MergePolicy.LevelAfter(parts));
        Assert.Equal((BlockCompression.Lz4, EncodingEffort.Fast), MergePolicy.CodecFor(1, final: false));
        Assert.Equal((BlockCompression.Zstandard, EncodingEffort.Smallest), MergePolicy.CodecFor(1, final: true));
        Assert.Equal((BlockCompression.Zstandard, EncodingEffort.Smallest), MergePolicy.CodecFor(MergePolicy.FirstCompactLevel, final: false));
        foreach (var part in parts) part.Close();
    }

    [Fact]
    public void SampleRunsMergeInOrderWithTheNewerRunWinningTies()
    {
        List<long> timestamps = [1, 3, 5];
        List<double> values = [1, 3, 5];

        SampleRuns.MergeInto(timestamps, values, [2, 3, 6], [20, 30, 60]);
        SampleRuns.MergeInto(timestamps, values, [7], [70]);

        Assert.Equal([1L, 2, 3, 5, 6, 7], timestamps);
        Assert.Equal([1.0, 20, 30, 5, 60, 70], values);
    }
}
