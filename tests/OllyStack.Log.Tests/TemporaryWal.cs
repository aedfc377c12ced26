using OllyStack.Core.Durability;

namespace OllyStack.Log.Tests;

/// <summary>A write-ahead log directory of its own for one test, deleted afterwards, with helpers to open and damage it.</summary>
internal sealed class TemporaryWal : IDisposable
{
    /// <summary>Sizes from docs/format/wal.md, spelled out so the tests also check the documented layout.</summary>
    public const int SegmentHeaderBytes = 20;
    public const int RecordHeaderBytes = 16;

    public TemporaryWal() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ollystack-log-tests", Guid.NewGuid().ToString("N"));

    public WriteAheadLog Open(long segmentBytes = 64L * 1024 * 1024, long maxQueuedBytes = 256L * 1024 * 1024, bool fsync = true) =>
        WriteAheadLog.Open(new WriteAheadLogOptions
        {
            Directory = Root,
            SegmentBytes = segmentBytes,
            MaxQueuedBytes = maxQueuedBytes,
            Fsync = fsync,
        });

    public string TopicDirectory(string topic) => Path.Combine(Root, topic);

    /// <summary>Segment files of a topic, oldest first.</summary>
    public string[] Segments(string topic) =>
        Directory.GetFiles(TopicDirectory(topic), "*.wal").Order(StringComparer.Ordinal).ToArray();

    public static string SegmentName(long firstOffset) => $"{firstOffset:D20}.wal";

    public static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    public static void FlipByte(string path, long position)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[position] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    public static void AppendBytes(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        stream.Write(bytes);
    }

    public static byte[] Payload(int index, int length = 32)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++) payload[i] = (byte)(index * 31 + i);
        return payload;
    }

    /// <summary>Reads exactly <paramref name="count"/> records, copying payloads (they are only valid until the next read).</summary>
    public static async Task<List<(long Offset, byte[] Payload)>> ReadAsync(ILogConsumer consumer, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var records = new List<(long Offset, byte[] Payload)>();
        while (records.Count < count)
        {
            foreach (var record in await consumer.ReadAsync(count - records.Count, timeout.Token))
                records.Add((record.Offset, record.Payload.ToArray()));
        }
        return records;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
