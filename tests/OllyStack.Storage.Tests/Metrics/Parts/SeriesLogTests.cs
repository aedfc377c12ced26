using OllyStack.Storage.Metrics;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>The series log gives back its keys in order and cuts off a torn tail.</summary>
public sealed class SeriesLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-series-log-").FullName;

    private string LogPath => Path.Combine(_directory, "series.log");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void KeysComeBackInTheOrderTheyWereAppended()
    {
        using (var log = SeriesLog.Open(LogPath, out var none))
        {
            Assert.Empty(none);
            log.Append("__name__\xFFup\xFF"u8);
            log.Append("__name__\xFFdown\xFF"u8);
            log.Sync();
        }

        using var reopened = SeriesLog.Open(LogPath, out var keys);

        Assert.Equal(["__name__\xFFup\xFF"u8.ToArray(), "__name__\xFFdown\xFF"u8.ToArray()], keys);
        Assert.Equal(2, reopened.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void ATornTailIsCutOffAndTheLogAppendsAfterTheLastWholeKey(int cut)
    {
        using (var log = SeriesLog.Open(LogPath, out _))
        {
            log.Append("a\xFF1\xFF"u8);
            log.Append("b\xFF2\xFF"u8);
            log.Sync();
        }
        var length = new FileInfo(LogPath).Length;
        using (var file = File.OpenWrite(LogPath)) file.SetLength(length - cut);

        using (var log = SeriesLog.Open(LogPath, out var keys))
        {
            Assert.Equal(["a\xFF1\xFF"u8.ToArray()], keys);
            log.Append("c\xFF3\xFF"u8);
            log.Sync();
        }

        SeriesLog.Open(LogPath, out var after).Dispose();
        Assert.Equal(["a\xFF1\xFF"u8.ToArray(), "c\xFF3\xFF"u8.ToArray()], after);
    }

    [Fact]
    public void AFileThatIsNotASeriesLogIsRefused()
    {
        File.WriteAllText(LogPath, "hello");

        Assert.Throws<InvalidDataException>(() => SeriesLog.Open(LogPath, out _));
    }
}
