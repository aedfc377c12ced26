using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// Merges adjacent span parts of a tenant into one. Each source holds its spans in trace id order, so walking them
/// side by side joins the spans of a trace that arrived across several flushes into one group, read from one block
/// afterwards. Memory stays at about a decoded block per source.
/// </summary>
internal static class SpanPartMerger
{
    /// <param name="sources">Held parts, adjacent in the tenant's order.</param>
    public static SpanPart Merge(IReadOnlyList<SpanPart> sources, string directory, string fileName, PartId id, CancellationToken cancellationToken)
    {
        using var writer = new SpanPartWriter(directory, fileName);
        using var decoder = new SpanBlockDecoder();
        var walks = new List<IEnumerator<SpanRow>>();
        try
        {
            // Ties between sources go to the older part, so a trace's spans keep their arrival order among equal starts.
            var queue = new PriorityQueue<IEnumerator<SpanRow>, (TraceId, int)>(Comparer<(TraceId Id, int Source)>.Create(
                (x, y) => TraceIdOrder.Instance.Compare(x.Id, y.Id) is var c && c != 0 ? c : x.Source.CompareTo(y.Source)));
            foreach (var source in sources)
            {
                var walk = Spans(source, decoder).GetEnumerator();
                walks.Add(walk);
                if (walk.MoveNext()) queue.Enqueue(walk, (walk.Current.TraceId, walks.Count - 1));
            }
            var trace = new List<SpanRow>();
            while (queue.TryPeek(out _, out var front))
            {
                cancellationToken.ThrowIfCancellationRequested();
                trace.Clear();
                while (queue.TryPeek(out var walk, out var key) && key.Item1 == front.Item1)
                {
                    queue.Dequeue();
                    bool more;
                    do
                    {
                        trace.Add(walk.Current);
                        more = walk.MoveNext();
                    }
                    while (more && walk.Current.TraceId == front.Item1);
                    if (more) queue.Enqueue(walk, (walk.Current.TraceId, key.Item2));
                }
                writer.AddTrace([.. trace.OrderBy(s => s.StartUnixNano)]);
            }
        }
        finally
        {
            foreach (var walk in walks) walk.Dispose();
        }
        return writer.Complete(id, RecordPartMergePolicy.LogEndAfter(sources), RecordPartMergePolicy.LevelAfter(sources));
    }

    /// <summary>The part's spans in its order, a block decoded when reached.</summary>
    private static IEnumerable<SpanRow> Spans(SpanPart part, SpanBlockDecoder decoder)
    {
        foreach (var block in part.Table.Blocks)
            foreach (var span in decoder.Decode(part.ReadBlock(block).Span))
                yield return span;
    }
}
