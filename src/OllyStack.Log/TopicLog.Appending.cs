using System.Diagnostics;
using OllyStack.Core.Durability;

namespace OllyStack.Log;

/// <summary>
/// Group commit: appenders frame their records into the filling <see cref="StagingBatch"/>; the writer thread swaps it
/// for an empty one, writes it with one positional write, fsyncs once and completes every append in it. While the
/// writer waits for the disk the next batch fills, so concurrent appends share one fsync.
/// </summary>
internal sealed partial class TopicLog
{
    private static readonly TimeSpan OverloadRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Guards the filling batch, <see cref="nextOffset"/>, the queue counters and <see cref="stopReason"/>. An object, not a Lock, because the writer waits on it with Monitor.Wait.</summary>
    private readonly object gate = new();
    private readonly AppendCompletionPool completions = new();
    private readonly Task writer;
    private StagingBatch filling = new();
    private long nextOffset;
    private long queuedBytes;
    private int queuedRecords;

    /// <summary>Why appends are refused: the log was disposed, or a write failed. Null while accepting.</summary>
    private Exception? stopReason;

    /// <summary>Owned by the writer thread (and by replay before it starts).</summary>
    private SegmentWriter active;

    public bool IsClosed => Volatile.Read(ref stopReason) is not null;

    public long QueuedBytes
    {
        get { lock (gate) return queuedBytes; }
    }

    public long QueuedRecords
    {
        get { lock (gate) return queuedRecords; }
    }

    /// <summary>
    /// Queues one record and returns its offset once durable. The payload is copied before this returns. Bytes already
    /// queued beyond MaxQueuedBytes make it fail with <see cref="LogOverloadedException"/>; an empty
    /// queue takes any record, so a record larger than the limit is still accepted on its own.
    /// </summary>
    public ValueTask<long> Append(ReadOnlySpan<byte> payload)
    {
        var frameLength = RecordFrame.SizeOf(payload.Length);
        var completion = completions.Rent();
        lock (gate)
        {
            var refusal = stopReason is not null ? Stopped()
                : queuedBytes > 0 && queuedBytes + frameLength > options.MaxQueuedBytes ? Overloaded()
                : null;
            if (refusal is null)
            {
                filling.Add(nextOffset++, payload, completion);
                queuedBytes += frameLength;
                queuedRecords++;
                if (filling.Count == 1) Monitor.Pulse(gate);
                return completion.Task;
            }
            completions.Return(completion);
            return ValueTask.FromException<long>(refusal);
        }
    }

    private Exception Stopped() => stopReason is ObjectDisposedException
        ? new ObjectDisposedException(nameof(WriteAheadLog), $"the write-ahead log is closed; topic '{Name}' takes no appends")
        : new IOException($"topic '{Name}' takes no appends after a failed write; reopen the log", stopReason);

    private LogOverloadedException Overloaded() =>
        new($"topic '{Name}' has {queuedBytes} bytes waiting for disk (limit {options.MaxQueuedBytes})", OverloadRetryAfter);

    private void RunWriter()
    {
        var empty = new StagingBatch();
        while (TakeBatch(empty) is { } batch)
        {
            try
            {
                Write(batch);
            }
            catch (Exception error)
            {
                FailAll(batch, error);
                return;
            }
            metrics.RecordAppended(Name, batch.Count, batch.Length);
            lock (gate)
            {
                queuedBytes -= batch.Length;
                queuedRecords -= batch.Count;
            }
            batch.Succeed();
            batch.Clear();
            empty = batch;
        }
    }

    /// <summary>Waits for queued appends and swaps the filling batch for <paramref name="empty"/>; null once stopped and drained.</summary>
    private StagingBatch? TakeBatch(StagingBatch empty)
    {
        lock (gate)
        {
            while (filling.Count == 0)
            {
                if (stopReason is not null) return null;
                Monitor.Wait(gate);
            }
            var batch = filling;
            filling = empty;
            return batch;
        }
    }

    /// <summary>Writes the batch into as many segments as it needs, fsyncing and publishing each part.</summary>
    private void Write(StagingBatch batch)
    {
        var frames = batch.Frames;
        var written = 0;
        while (written < frames.Length)
        {
            var fitting = FramesFittingActiveSegment(frames[written..]);
            if (fitting == 0)
            {
                Roll(RecordFrame.ReadOffset(frames[written..]));
                continue;
            }
            active.Write(frames.Slice(written, fitting));
            Flush();
            written += fitting;
            Publish(written < frames.Length ? RecordFrame.ReadOffset(frames[written..]) : batch.EndOffset);
        }
    }

    /// <summary>
    /// How many leading bytes of whole frames fit in the active segment without passing SegmentBytes. An empty segment
    /// always takes its first frame, so a record larger than a segment gets a segment of its own.
    /// </summary>
    private int FramesFittingActiveSegment(ReadOnlySpan<byte> frames)
    {
        var room = options.SegmentBytes - active.Length;
        if (frames.Length <= room) return frames.Length;
        var fitting = 0;
        while (fitting < frames.Length)
        {
            var frameLength = RecordFrame.SizeOf((int)RecordFrame.ReadPayloadLength(frames[fitting..]));
            var firstInEmptySegment = fitting == 0 && !active.HoldsRecords;
            if (fitting + frameLength > room && !firstInEmptySegment) break;
            fitting += frameLength;
        }
        return fitting;
    }

    /// <summary>Seals the active segment (already fsynced: every write is) and starts one at <paramref name="firstOffset"/>.</summary>
    private void Roll(long firstOffset)
    {
        var sealedSegment = active;
        active = SegmentWriter.Create(DirectoryPath, firstOffset);
        Flush();
        if (options.Fsync) DirectorySync.Flush(DirectoryPath);
        lock (segmentsGate) segments = [.. segments, active.Segment];
        sealedSegment.Dispose();
    }

    private void Flush()
    {
        if (!options.Fsync) return;
        var started = Stopwatch.GetTimestamp();
        active.Flush();
        Interlocked.Increment(ref fsyncCount);
        metrics.RecordFsync(Name, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Makes everything written so far visible to readers: segment length first, then the durable end.</summary>
    private void Publish(long end)
    {
        active.Segment.DurableLength = active.Length;
        Volatile.Write(ref durableEnd, end);
        progress.Advance();
    }

    /// <summary>
    /// A failed write or fsync leaves the file in an unknown state (and after a failed fsync the kernel may have dropped
    /// the dirty pages), so the topic refuses everything until reopened and replayed. Records of a failed append may
    /// still be found after reopening: delivery is at least once.
    /// </summary>
    private void FailAll(StagingBatch batch, Exception error)
    {
        var failure = new IOException($"writing topic '{Name}' to {active.Segment.Path} failed", error);
        StagingBatch queued;
        lock (gate)
        {
            stopReason ??= failure;
            queued = filling;
            filling = new StagingBatch();
            queuedBytes = 0;
            queuedRecords = 0;
        }
        batch.Fail(failure);
        queued.Fail(failure);
        progress.Advance();
    }

    private async Task StopWriterAsync()
    {
        lock (gate)
        {
            stopReason ??= new ObjectDisposedException(nameof(WriteAheadLog));
            Monitor.PulseAll(gate);
        }
        await writer.ConfigureAwait(false);
        active.Dispose();
        progress.Advance();
    }
}
