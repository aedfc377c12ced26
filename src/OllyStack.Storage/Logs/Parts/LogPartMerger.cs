using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>
/// Merges adjacent log parts of a tenant into one: stream by stream, the sources' blocks are read in time order
/// (<see cref="LogMerge"/>) and written again as full blocks, their bodies mined afresh. Memory stays at about a
/// decoded block per source block of the stream being merged.
/// </summary>
internal static class LogPartMerger
{
    private static readonly LogSelection Everything = new([], long.MinValue, long.MaxValue, Backward: false, []);

    /// <param name="sources">Held parts, adjacent in the tenant's order.</param>
    /// <param name="miner">The maintenance thread's own miner: the flush's is not thread-safe.</param>
    public static LogPart Merge(IReadOnlyList<LogPart> sources, string directory, string fileName, PartId id, TemplateMiner miner,
        Func<KeyValuePair<string, string>[], LogStream> intern, CancellationToken cancellationToken)
    {
        using var writer = new LogPartWriter(directory, fileName, miner);
        var streams = sources.SelectMany(part => part.Streams.Select(entry => (Part: part, Entry: entry)))
            .GroupBy(s => s.Entry.Stream)
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cursors = new List<LogCursor>();
            // Older parts first among records of equal time, as the flushes wrote them.
            foreach (var (part, entry) in stream)
                foreach (var block in entry.Blocks)
                    cursors.Add(LogCursor.OfBlock(stream.Key, cursors.Count, part, block));
            writer.AddStream(stream.Key, new LogMerge(Everything, cursors).Read(cancellationToken).Select(e => e.Row));
        }
        return writer.Complete(intern, id, RecordPartMergePolicy.LogEndAfter(sources), RecordPartMergePolicy.LevelAfter(sources))!;
    }
}
