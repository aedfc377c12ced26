using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.PromQL.Caching;

/// <summary>
/// Range query results kept for the steps whose data has settled, since dashboards ask the same queries again and
/// again over a window sliding forward: a repeat computes only the steps past what is cached. A step is settled once
/// it lies <c>settledAge</c> behind the wall clock; a write reaching further back bumps the tenant store's generation,
/// which retires every entry made before it. Least recently used entries go once more than <c>maxCells</c> (series
/// times steps, about 8 bytes each) are held. Thread-safe.
/// </summary>
public sealed class RangeResultCache(long maxCells, TimeSpan settledAge, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RangeCacheKey, CachedRange> _entries = [];
    private readonly LinkedList<CachedRange> _recency = [];
    private long _cells;

    /// <summary>Series times steps held now.</summary>
    public long Cells
    {
        get
        {
            lock (_lock) return _cells;
        }
    }

    /// <summary>Whether a step's value depends only on data up to that step: no <c>@</c> and no negative offset anywhere.</summary>
    public static bool IsCacheable(Expr expr) => ExprTree.SelfAndDescendants(expr).All(node => node switch
    {
        VectorSelector selector => selector.At is null && selector.Offset >= TimeSpan.Zero,
        SubqueryExpr subquery => subquery.At is null && subquery.Offset >= TimeSpan.Zero,
        _ => true,
    });

    /// <summary>
    /// The range query's result: cached steps from <paramref name="startMs"/> on, and the rest from
    /// <paramref name="evaluate"/>(first step, end), which must give what the engine gives for those steps.
    /// <paramref name="generation"/> is the tenant store's count of backdated writes, read before evaluating.
    /// </summary>
    public MatrixValue Evaluate(string tenant, long generation, Expr expr, long startMs, long endMs, long stepMs, Func<long, long, MatrixValue> evaluate)
    {
        if (maxCells <= 0 || !IsCacheable(expr)) return evaluate(startMs, endMs);
        var key = new RangeCacheKey(tenant, expr.ToString(), stepMs, ((startMs % stepMs) + stepMs) % stepMs);
        var cached = Find(key, generation, startMs);
        MatrixValue result;
        if (cached is null)
        {
            result = evaluate(startMs, endMs);
        }
        else
        {
            var reusedTo = Math.Min(endMs, cached.LastMs);
            var reused = cached.Slice(startMs, reusedTo);
            result = reusedTo + stepMs <= endMs ? Combine(reused, evaluate(reusedTo + stepMs, endMs).Series) : new MatrixValue(reused);
        }

        var settledMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)settledAge.TotalMilliseconds;
        if (settledMs < startMs) return result;
        var keepTo = Math.Min(endMs, startMs + (settledMs - startMs) / stepMs * stepMs);
        if (cached is null || keepTo > cached.LastMs || startMs > cached.FirstMs)
            Keep(new CachedRange(key, generation, startMs, keepTo, result.Series));
        return result;
    }

    /// <summary>A usable entry holding <paramref name="startMs"/>; an entry of an older generation is dropped on the way.</summary>
    private CachedRange? Find(RangeCacheKey key, long generation, long startMs)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry)) return null;
            if (entry.Generation != generation)
            {
                Remove(entry);
                return null;
            }
            if (startMs < entry.FirstMs || startMs > entry.LastMs) return null;
            _recency.Remove(entry.Recency!);
            _recency.AddFirst(entry.Recency!);
            return entry;
        }
    }

    private void Keep(CachedRange entry)
    {
        // One entry may take at most half the room, so a single huge panel cannot flush everything else.
        if (entry.Cells > maxCells / 2) return;
        lock (_lock)
        {
            if (_entries.TryGetValue(entry.Key, out var replaced)) Remove(replaced);
            _entries[entry.Key] = entry;
            entry.Recency = _recency.AddFirst(entry);
            _cells += entry.Cells;
            while (_cells > maxCells) Remove(_recency.Last!.Value);
        }
    }

    private void Remove(CachedRange entry)
    {
        _entries.Remove(entry.Key);
        _recency.Remove(entry.Recency!);
        _cells -= entry.Cells;
    }

    /// <summary>Cached points followed by freshly computed later ones, series sorted by labels as the engine sorts them.</summary>
    private static MatrixValue Combine(List<Series> reused, IReadOnlyList<Series> fresh)
    {
        var byLabels = reused.ToDictionary(s => s.Labels, s => (List<Point>)s.Points);
        foreach (var series in fresh)
        {
            if (byLabels.TryGetValue(series.Labels, out var points)) points.AddRange(series.Points);
            else byLabels[series.Labels] = [.. series.Points];
        }
        return new MatrixValue(byLabels.OrderBy(p => p.Key).Select(p => new Series(p.Key, p.Value)).ToList());
    }
}
