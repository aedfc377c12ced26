using OllyStack.Core.Durability;
namespace OllyStack.Log;

/// <summary>
/// One topic of the log: its segments, its writer and its consumer groups. Appenders touch only the staging batch
/// (under a lock held for one memory copy); one writer thread owns the active segment; readers see the segment list
/// and the durable end without locks and wait on <see cref="DurableAdvanced"/>.
/// </summary>
internal sealed partial class TopicLog : IAsyncDisposable
{
    private readonly WriteAheadLogOptions options;
    private readonly WalMetrics metrics;
    private readonly Lock segmentsGate = new();
    private readonly DurableProgress progress = new();

    /// <summary>Sealed segments then the active one, oldest first; replaced (never changed) under <see cref="segmentsGate"/>.</summary>
    private Segment[] segments;

    private long durableEnd;
    private long fsyncCount;

    private TopicLog(string name, string directoryPath, WriteAheadLogOptions options, WalMetrics metrics, TopicReplayer.Result replay)
    {
        Name = name;
        DirectoryPath = directoryPath;
        this.options = options;
        this.metrics = metrics;
        Replay = replay.Report;
        active = replay.Active;
        segments = [.. replay.Sealed, replay.Active.Segment];
        nextOffset = replay.NextOffset;
        durableEnd = replay.NextOffset;
        LoadGroups();
        writer = Task.Factory.StartNew(RunWriter, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Name { get; }

    public string DirectoryPath { get; }

    public TopicReplay Replay { get; }

    /// <summary>Every record below this offset is durable and readable.</summary>
    public long DurableEnd => Volatile.Read(ref durableEnd);

    /// <summary>The oldest retained offset.</summary>
    public long FirstOffset => Volatile.Read(ref segments)[0].FirstOffset;

    public long FsyncCount => Interlocked.Read(ref fsyncCount);

    /// <summary>Completes after the next fsync moves <see cref="DurableEnd"/> (or when the topic closes).</summary>
    public Task DurableAdvanced => progress.Next;

    /// <summary>Replays the topic directory (creating it when missing) and starts its writer.</summary>
    public static TopicLog Open(string name, string directoryPath, WriteAheadLogOptions options, WalMetrics metrics)
    {
        if (!Directory.Exists(directoryPath))
        {
            Directory.CreateDirectory(directoryPath);
            if (options.Fsync) DirectorySync.Flush(Path.GetDirectoryName(directoryPath)!);
        }
        var replay = TopicReplayer.Replay(name, directoryPath, options.Fsync);
        try
        {
            return new TopicLog(name, directoryPath, options, metrics, replay);
        }
        catch
        {
            replay.Active.Dispose();
            throw;
        }
    }

    /// <summary>The retained segment holding <paramref name="offset"/>, or null when it is below the oldest retained one.</summary>
    public Segment? SegmentFor(long offset)
    {
        var current = Volatile.Read(ref segments);
        if (offset < current[0].FirstOffset) return null;
        var index = current.Length - 1;
        while (current[index].FirstOffset > offset) index--;
        return current[index];
    }

    /// <summary>The segment following <paramref name="segment"/>, or null while it is the active one.</summary>
    public Segment? SegmentAfter(Segment segment)
    {
        var current = Volatile.Read(ref segments);
        for (var index = current.Length - 1; index > 0; index--)
        {
            if (current[index - 1] == segment) return current[index];
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopWriterAsync().ConfigureAwait(false);
        commitGate.Dispose();
    }
}
