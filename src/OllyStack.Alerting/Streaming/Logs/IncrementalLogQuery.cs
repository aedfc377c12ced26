using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Alerting.Streaming.Logs;

/// <summary>
/// A log rule on the stream, evaluated incrementally: its range aggregations keep the samples their lines give, each
/// line processed once as it arrives (<see cref="ExtractedRange"/>), and the LogQL engine aggregates those instead of
/// reading the lines and running the pipelines again at every evaluation. The operators above the range aggregations
/// run as in any LogQL query, on a handful of series.
/// </summary>
internal sealed class IncrementalLogQuery : ILogSampleSource
{
    private readonly ExtractedRange[] _ranges;

    /// <param name="keys">The watched selector of each range aggregation, in <see cref="StreamingPlan.RangesOf"/> order.</param>
    public IncrementalLogQuery(MetricExpr expr, IReadOnlyList<string> keys)
    {
        var ranges = StreamingPlan.RangesOf(expr).ToList();
        _ranges = [.. ranges.Select((range, i) => new ExtractedRange(range, keys[i]))];
    }

    /// <summary>Takes a line the stream kept for the watched selector <paramref name="key"/>.</summary>
    public void Offer(string key, in LogEntry entry)
    {
        foreach (var range in _ranges)
            if (range.SelectorKey == key) range.Offer(entry);
    }

    /// <summary>Starts again from the lines <paramref name="source"/> holds: after a seed added lines to its streams.</summary>
    public void Rebuild(StreamingLogSource source, string tenant)
    {
        foreach (var range in _ranges)
        {
            range.Clear();
            var selector = range.Expr.Range.Selector.Matchers;
            foreach (var entry in source.Read(new LogRead(tenant, selector, long.MinValue, long.MaxValue, LogDirection.Forward, []), CancellationToken.None))
                range.Offer(entry);
        }
    }

    public void Trim(long nowNano)
    {
        foreach (var range in _ranges) range.Trim(nowNano);
    }

    public IReadOnlyList<LogSampleSeries>? Read(RangeAggregationExpr expr, long startNano, long endNano)
    {
        foreach (var range in _ranges)
            if (ReferenceEquals(range.Expr, expr)) return range.Read(startNano, endNano);
        return null;
    }
}
