namespace OllyStack.Log.Tests;

/// <summary>Every way the tail of the last segment can be cut or damaged: replay keeps exactly the intact records.</summary>
public sealed class TornWriteTests : IDisposable
{
    private const string Topic = "logs";
    private const int Records = 3;
    private const int PayloadBytes = 10;
    private const int RecordBytes = TemporaryWal.RecordHeaderBytes + PayloadBytes;

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task CuttingTheSegmentAtAnyByteKeepsExactlyTheWholeRecords()
    {
        var original = await WriteSegmentAsync();
        var segment = wal.Segments(Topic)[0];
        for (var length = TemporaryWal.SegmentHeaderBytes; length <= original.Length; length++)
        {
            File.WriteAllBytes(segment, original[..length]);

            var wholeRecords = (length - TemporaryWal.SegmentHeaderBytes) / RecordBytes;
            Assert.Equal(wholeRecords, await ReplayedRecordsAsync());
        }
    }

    [Fact]
    public async Task FlippingAnyByteOfTheLastRecordDropsOnlyThatRecord()
    {
        var original = await WriteSegmentAsync();
        var segment = wal.Segments(Topic)[0];
        for (var position = original.Length - RecordBytes; position < original.Length; position++)
        {
            var damaged = original.ToArray();
            damaged[position] ^= 0x5A;
            File.WriteAllBytes(segment, damaged);

            Assert.Equal(Records - 1, await ReplayedRecordsAsync());
        }
    }

    private async Task<byte[]> WriteSegmentAsync()
    {
        await using (var log = wal.Open(fsync: false))
        {
            for (var i = 0; i < Records; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i, PayloadBytes));
        }
        return File.ReadAllBytes(wal.Segments(Topic)[0]);
    }

    /// <summary>Opens the log, checks that what it serves is intact, and returns how many records survived.</summary>
    private async Task<long> ReplayedRecordsAsync()
    {
        await using var log = wal.Open(fsync: false);
        var end = log.GetEndOffset(Topic);
        var records = WalInspector.Open(wal.Root).ReadRecords(Topic).Select(r => (r.Offset, Payload: r.Payload.ToArray())).ToList();
        Assert.Equal(end, records.Count);
        Assert.All(records, r => Assert.Equal(TemporaryWal.Payload((int)r.Offset, PayloadBytes), r.Payload));
        return end;
    }
}
