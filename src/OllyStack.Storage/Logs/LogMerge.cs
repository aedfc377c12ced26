namespace OllyStack.Storage.Logs;

/// <summary>
/// Merges a read's cursors into one time-ordered sequence with a priority queue keyed by each cursor's bound. A block
/// is decoded only when its bound reaches the front, so a read that stops after a few lines decodes few blocks.
/// </summary>
internal sealed class LogMerge(LogSelection selection, List<LogCursor> cursors)
{
    public IEnumerable<StoredLogEntry> Read(CancellationToken cancellationToken)
    {
        var backward = selection.Backward;
        var queue = new PriorityQueue<LogCursor, (long Time, int Order)>(cursors.Count);
        foreach (var cursor in cursors) queue.Enqueue(cursor, Key(cursor));
        using var decoder = new LogBlockDecoder();
        while (queue.TryDequeue(out var cursor, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!cursor.IsOpen)
            {
                if (cursor.Open(selection, decoder)) queue.Enqueue(cursor, Key(cursor));
                continue;
            }
            yield return new StoredLogEntry(cursor.Stream, cursor.Current);
            if (cursor.MoveNext(backward)) queue.Enqueue(cursor, Key(cursor));
        }

        (long, int) Key(LogCursor cursor) => (backward ? -cursor.Bound(true) : cursor.Bound(false), cursor.Order);
    }
}
