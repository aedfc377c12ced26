using OllyStack.Storage.Codecs;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>A part file round-trips its series, answers time ranges from the right blocks, and refuses damage.</summary>
public sealed class MetricPartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-part-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SeriesRoundTripAcrossBlocksAndAReopen()
    {
        var long_ = PartFiles.Samples(1_000, 10_000, 2_500, i => i * 0.5);
        var written = PartFiles.Write(_directory, new PartId(3, 3), 0, (2, PartFiles.Samples(5_000, 15_000, 3)), (7, long_));
        written.Close();

        var part = MetricPart.Open(written.Path);

        Assert.Equal(new PartId(3, 3), part.Id);
        Assert.Equal(2_503, part.Header.SampleCount);
        Assert.Equal(2, part.Header.SeriesCount);
        Assert.Equal(4, part.Header.BlockCount);
        Assert.Equal(1_000, part.Header.MinTimestamp);
        Assert.Equal(long_[^1].T, part.Header.MaxTimestamp);
        Assert.Equal(long_.ToList(), PartFiles.Read(part, 7));
        Assert.Equal(PartFiles.Samples(5_000, 15_000, 3).ToList(), PartFiles.Read(part, 2));
        Assert.Empty(PartFiles.Read(part, 3));
        part.Close();
    }

    [Fact]
    public void ARangeReadsOnlyItsSamplesAndMayHaveFollowsTheBlocks()
    {
        var samples = PartFiles.Samples(0, 1_000, 3_000);
        var part = PartFiles.Write(_directory, new PartId(0, 0), 0, (1, samples));

        Assert.Equal(samples.Where(s => s.T is >= 1_500_000 and <= 2_100_000).ToList(), PartFiles.Read(part, 1, 1_500_000, 2_100_000));
        Assert.True(part.MayHave(1, 2_999_000, 5_000_000));
        Assert.False(part.MayHave(1, 3_000_000, 5_000_000));
        Assert.False(part.MayHave(2, 0, 5_000_000));
        part.Close();
    }

    [Fact]
    public void RefsMustAscendAndSeriesHoldSamples()
    {
        using var writer = new MetricPartWriter(_directory, new PartId(0, 0), 0, BlockCompression.None);
        writer.AddSeries(5, [1], [1]);

        Assert.Throws<ArgumentException>(() => writer.AddSeries(5, [2], [2]));
        Assert.Throws<ArgumentException>(() => writer.AddSeries(6, [], []));

        // What was turned away left no trace in the part.
        writer.AddSeries(6, [3], [3]);
        var part = writer.Complete()!;
        Assert.Equal([(1L, 1.0)], PartFiles.Read(part, 5, 0, 10));
        Assert.Equal([(3L, 3.0)], PartFiles.Read(part, 6, 0, 10));
        part.Close();
    }

    [Fact]
    public void ATableShorterThanItsHeaderCountsIsRefusedBeforeRoomIsMadeForThem()
    {
        var header = new MetricPartHeader(new PartId(0, 0), 0, 0, 10, int.MaxValue, 1_000_000, 1_000_000_000);

        var refused = Assert.Throws<InvalidDataException>(() => MetricPartTable.Read(new byte[16], header));

        Assert.Contains("shorter than", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWriterThatNeverCompletesLeavesNoFile()
    {
        using (var writer = new MetricPartWriter(_directory, new PartId(0, 0), 0, BlockCompression.None))
            writer.AddSeries(5, [1], [1]);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData(10)] // header
    [InlineData(-10)] // footer
    [InlineData(-20)] // series table
    public void DamageOutsideTheBlocksIsFoundOnOpen(int offset)
    {
        var path = WriteAndClose();
        Flip(path, offset);

        var error = Assert.Throws<InvalidDataException>(() => MetricPart.Open(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void DamageInABlockIsFoundWhenTheBlockIsRead()
    {
        var path = WriteAndClose();
        Flip(path, 80);
        var part = MetricPart.Open(path);

        Assert.Throws<InvalidDataException>(() => PartFiles.Read(part, 1));
        part.Close();
    }

    [Fact]
    public void ARetiredPartIsDeletedOnlyOnceItsLastReaderReleasesIt()
    {
        var part = PartFiles.Write(_directory, new PartId(0, 0), 0, (1, PartFiles.Samples(0, 1_000, 10)));
        Assert.True(part.TryAcquire());

        part.Retire();

        Assert.True(File.Exists(part.Path));
        Assert.Equal(10, PartFiles.Read(part, 1).Count);
        part.Release();
        Assert.False(File.Exists(part.Path));
        Assert.False(part.TryAcquire());
    }

    private string WriteAndClose()
    {
        var part = PartFiles.Write(_directory, new PartId(0, 0), 0, (1, PartFiles.Samples(0, 1_000, 200)), (2, PartFiles.Samples(0, 1_000, 200)));
        part.Close();
        return part.Path;
    }

    private static void Flip(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }
}
