using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>Opening a tenant's parts cleans up what a crash leaves, and snapshots keep retired parts readable.</summary>
public sealed class TenantPartsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-tenant-parts-").FullName;
    private static readonly Partition Day = Partition.Of(1_700_000_000_000);

    private string DayFolder => Path.Combine(_directory, Day.Name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void OpeningDropsMergeSourcesThatTheirMergedPartSupersedesAndTemporaryFiles()
    {
        foreach (var seq in new[] { 0L, 1, 2, 3, 4 }) Write(new PartId(seq, seq)).Close();
        Write(new PartId(0, 3), level: 1).Close();
        File.WriteAllText(Path.Combine(DayFolder, new PartId(5, 5).FileName(MetricPartFormat.Extension) + ".tmp"), "half written");

        var parts = TenantParts.Open(_directory);

        Assert.Equal([new PartId(0, 3), new PartId(4, 4)], parts.Current.Select(p => p.Id));
        Assert.Equal([new PartId(0, 3).FileName(MetricPartFormat.Extension), new PartId(4, 4).FileName(MetricPartFormat.Extension)], Directory.EnumerateFiles(DayFolder).Select(Path.GetFileName).Order());
        Assert.Equal(new PartId(5, 5), parts.NextFlushId());
        parts.Close();
    }

    [Fact]
    public void ADamagedPartIsSetAsideAndReported()
    {
        var path = Write(new PartId(0, 0)).Path;
        TenantParts.Open(_directory).Close();
        File.WriteAllBytes(path, new byte[100]);

        var parts = TenantParts.Open(_directory);

        Assert.Empty(parts.Current);
        Assert.Contains(path, Assert.Single(parts.Damaged));
        Assert.True(File.Exists(path + TenantParts.DamagedExtension));
    }

    [Fact]
    public void ASnapshotKeepsReadingPartsThatAMergeReplacedMeanwhile()
    {
        var parts = TenantParts.Open(_directory);
        var sources = new[] { Write(new PartId(0, 0)), Write(new PartId(1, 1)) };
        parts.Add(sources);
        using (var snapshot = parts.Acquire())
        {
            parts.Replace(sources, Write(new PartId(0, 1), level: 1));

            Assert.Equal([new PartId(0, 1)], parts.Current.Select(p => p.Id));
            Assert.All(snapshot.Parts, p => Assert.Equal(10, PartFiles.Read(p, 1).Count));
        }
        Assert.False(File.Exists(sources[0].Path));
        parts.Close();
    }

    [Fact]
    public void RetentionDropsWholePartitionsAndTheirFolders()
    {
        var parts = TenantParts.Open(_directory);
        var old = Write(new PartId(0, 0));
        var nextDay = new Partition(Day.Day + 1);
        var recent = PartFiles.Write(Path.Combine(_directory, nextDay.Name), new PartId(1, 1), 0, (1, PartFiles.Samples(nextDay.StartMs, 1_000, 10)));
        parts.Add([old, recent]);

        Assert.Equal(1, parts.DropPartitionsEndingBy(Day.EndMs));

        Assert.Equal([recent.Id], parts.Current.Select(p => p.Id));
        Assert.False(Directory.Exists(DayFolder));
        parts.Close();
    }

    private MetricPart Write(PartId id, int level = 0) =>
        PartFiles.Write(DayFolder, id, level, (1, PartFiles.Samples(Day.StartMs, 1_000, 10)));
}
