using System.Collections.Concurrent;
using OllyStack.Core.Durability;

namespace OllyStack.Log;

/// <summary>
/// The embedded durable log: a segmented write-ahead log on local disk, one directory per topic
/// (docs/format/wal.md). Appends are group-committed: concurrent appends to a topic share one write and one fsync,
/// and complete only once fsynced. Consumers see only fsynced records.
/// </summary>
public sealed class WriteAheadLog : IDurableLog
{
    public const string MeterName = "OllyStack.Log";

    private readonly WriteAheadLogOptions options;
    private readonly ConcurrentDictionary<string, TopicLog> topics = new(StringComparer.Ordinal);
    private readonly Lock topicsGate = new();
    private readonly WalMetrics metrics;
    private bool disposed;

    private WriteAheadLog(WriteAheadLogOptions options)
    {
        this.options = options;
        metrics = new WalMetrics(() => topics.Values);
    }

    /// <summary>What replay found on open: segments, records and truncated tails per topic.</summary>
    public ReplayReport ReplayReport { get; private set; } = new([]);

    /// <summary>Opens (creating when missing) the log in options.Directory and replays every topic found there.</summary>
    public static WriteAheadLog Open(WriteAheadLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.Directory);
        var log = new WriteAheadLog(options);
        try
        {
            var replays = new List<TopicReplay>();
            foreach (var directory in Directory.EnumerateDirectories(options.Directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                if (!LogNames.IsValid(name)) continue;
                var topic = TopicLog.Open(name, directory, options, log.metrics);
                log.topics[name] = topic;
                replays.Add(topic.Replay);
            }
            log.ReplayReport = new ReplayReport(replays);
            return log;
        }
        catch
        {
            log.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The payload is copied before this returns, so the caller may reuse its buffer at once. The token is checked only
    /// before the record is queued: once queued it will be written, so cancelling cannot unwrite it. Fails with
    /// <see cref="LogOverloadedException"/> (retry after 1 s) when MaxQueuedBytes are already waiting for disk.
    /// </remarks>
    public ValueTask<long> AppendAsync(string topic, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<long>(cancellationToken);
        if (record.Length > RecordFrame.MaxPayloadBytes)
            throw new ArgumentOutOfRangeException(nameof(record), record.Length, $"a record holds at most {RecordFrame.MaxPayloadBytes} bytes");
        return GetOrCreate(topic).Append(record.Span);
    }

    /// <inheritdoc />
    /// <remarks>This is the durable end: appends still waiting for their fsync are not counted.</remarks>
    public long GetEndOffset(string topic)
    {
        LogNames.EnsureValid(topic, nameof(topic));
        return topics.TryGetValue(topic, out var log) ? log.DurableEnd : 0;
    }

    public ILogConsumer OpenConsumer(string topic, string group)
    {
        LogNames.EnsureValid(group, nameof(group));
        ObjectDisposedException.ThrowIf(disposed, this);
        return new WalConsumer(GetOrCreate(topic), group);
    }

    /// <summary>How many times the topic's writer has fsynced a segment file since open; fewer than appends shows group commit.</summary>
    public long FsyncCount(string topic) => topics.TryGetValue(topic, out var log) ? log.FsyncCount : 0;

    /// <summary>Stops taking appends, writes and fsyncs everything already queued, and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (topicsGate)
        {
            if (disposed) return;
            disposed = true;
        }
        foreach (var topic in topics.Values) await topic.DisposeAsync().ConfigureAwait(false);
        metrics.Dispose();
    }

    private TopicLog GetOrCreate(string topic)
    {
        if (topics.TryGetValue(topic, out var existing)) return existing;
        LogNames.EnsureValid(topic, nameof(topic));
        lock (topicsGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (topics.TryGetValue(topic, out existing)) return existing;
            var created = TopicLog.Open(topic, Path.Combine(options.Directory, topic), options, metrics);
            topics[topic] = created;
            return created;
        }
    }
}
