using OllyStack.Core.Durability;

namespace OllyStack.Log;

/// <summary>
/// Reads one topic for one consumer group, up to the durable end only. Keeps its place in the current segment, so
/// sequential reads never rescan; a seek (or the first read) scans the headers of one segment to find the offset.
/// One reader at a time: not safe for concurrent calls.
/// </summary>
internal sealed class WalConsumer : ILogConsumer
{
    private readonly TopicLog topic;
    private readonly SegmentReader reader = new();
    private readonly List<ConsumedRecord> records = [];

    /// <summary>The segment the reader is in, positioned at the record with offset <see cref="Position"/>; null after a seek.</summary>
    private Segment? current;

    private bool disposed;

    public WalConsumer(TopicLog topic, string group)
    {
        this.topic = topic;
        Group = group;
        CommittedOffset = topic.JoinGroup(group);
        // A commit above the end is only possible when replay cut records the group had already read (a corrupt
        // tail); the group then continues with whatever is appended next.
        Position = Math.Clamp(CommittedOffset, topic.FirstOffset, topic.DurableEnd);
    }

    public string Topic => topic.Name;

    public string Group { get; }

    public long Position { get; private set; }

    public long CommittedOffset { get; private set; }

    public ValueTask<IReadOnlyList<ConsumedRecord>> ReadAsync(int maxRecords, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ObjectDisposedException.ThrowIf(disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return ReadDurable(maxRecords) > 0 ? new(records) : WaitAndReadAsync(maxRecords, cancellationToken);
    }

    public void Seek(long offset)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var first = topic.FirstOffset;
        var end = topic.DurableEnd;
        if (offset < first || offset > end)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"topic '{Topic}' holds offsets {first}..{end - 1}");
        Position = offset;
        current = null;
    }

    public async ValueTask CommitAsync(long nextOffset, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var end = topic.DurableEnd;
        if (nextOffset < 0 || nextOffset > end)
            throw new ArgumentOutOfRangeException(nameof(nextOffset), nextOffset, $"topic '{Topic}' ends at offset {end}");
        await topic.CommitAsync(Group, nextOffset, cancellationToken).ConfigureAwait(false);
        CommittedOffset = nextOffset;
    }

    public ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            reader.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask<IReadOnlyList<ConsumedRecord>> WaitAndReadAsync(int maxRecords, CancellationToken cancellationToken)
    {
        while (true)
        {
            var advanced = topic.DurableAdvanced;
            if (ReadDurable(maxRecords) > 0) return records;
            if (topic.IsClosed) throw new ObjectDisposedException(nameof(WriteAheadLog), $"the write-ahead log is closed; topic '{Topic}' cannot be read");
            await advanced.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fills <see cref="records"/> from <see cref="Position"/> with durable records, all from one window of the reader
    /// (a refill would overwrite payloads already handed out), and returns how many.
    /// </summary>
    private int ReadDurable(int maxRecords)
    {
        records.Clear();
        while (records.Count < maxRecords && Position < topic.DurableEnd)
        {
            var segment = current ?? Locate();
            var status = reader.ReadNext(segment.DurableLength, mayRefill: records.Count == 0, out var frame);
            if (status == FrameStatus.Record)
            {
                records.Add(new ConsumedRecord(Verified(frame), frame.Payload));
                Position++;
            }
            else if (status == FrameStatus.NeedsRefill || (status == FrameStatus.End && !MoveToNextSegment(segment)))
            {
                break;
            }
            else if (status != FrameStatus.End)
            {
                throw Corrupt(reader.Position, status == FrameStatus.BadLength ? "impossible record length" : "incomplete record");
            }
        }
        return records.Count;
    }

    /// <summary>
    /// At the end of <paramref name="segment"/>'s durable bytes: moves to the next segment when this one is sealed and
    /// fully read and no payload of the current batch would be overwritten. False when there is nothing more to read now.
    /// </summary>
    private bool MoveToNextSegment(Segment segment)
    {
        var next = topic.SegmentAfter(segment);
        if (next is null) return false;
        if (segment.DurableLength > reader.Position) return true;
        if (records.Count > 0) return false;
        if (next.FirstOffset != Position)
            throw Corrupt(reader.Position, $"segment ends at offset {Position} but the next one starts at {next.FirstOffset}");
        OpenAt(next);
        return true;
    }

    /// <summary>Finds the segment holding <see cref="Position"/> and skips to that record.</summary>
    private Segment Locate()
    {
        var segment = topic.SegmentFor(Position)
            ?? throw new InvalidOperationException($"offset {Position} of topic '{Topic}' is below the oldest retained offset {topic.FirstOffset}");
        OpenAt(segment);
        for (var offset = segment.FirstOffset; offset < Position; offset++)
        {
            var status = reader.ReadNext(segment.DurableLength, mayRefill: true, out var frame);
            if (status != FrameStatus.Record) throw Corrupt(reader.Position, $"segment ends before offset {Position}");
            if (frame.Offset != offset) throw Corrupt(frame.Position, $"record has offset {frame.Offset}, expected {offset}");
        }
        return segment;
    }

    private void OpenAt(Segment segment)
    {
        try
        {
            reader.Open(segment.Path, SegmentHeader.Size);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidOperationException($"offset {Position} of topic '{Topic}' is below the oldest retained offset {topic.FirstOffset}");
        }
        current = segment;
    }

    private long Verified(FrameView frame)
    {
        if (frame.Offset != Position) throw Corrupt(frame.Position, $"record has offset {frame.Offset}, expected {Position}");
        if (!frame.HasValidChecksum) throw Corrupt(frame.Position, "checksum mismatch");
        return Position;
    }

    private InvalidDataException Corrupt(long bytePosition, string problem) =>
        new($"corrupt record in segment {reader.Path} at byte {bytePosition}: {problem}");
}
