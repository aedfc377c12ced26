using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Evaluation;

internal sealed partial class MetricEvaluator
{
    /// <summary>
    /// Reads the samples of every step's window in one pass — kept ahead of time by the sample source, or from the
    /// lines — then aggregates each series window by window.
    /// </summary>
    private VectorSteps EvaluateRange(RangeAggregationExpr expr)
    {
        var range = expr.Range.Range.Ticks * 100;
        var offset = expr.Range.Offset.Ticks * 100;
        var (start, end) = grid.ReadSpan(range, offset);
        var series = samples?.Read(expr, start, end) ?? ReadSeries(expr, start, end);
        var steps = VectorSteps.Empty(grid.Count);
        if (expr.Op == RangeOp.AbsentOverTime)
        {
            FillAbsent(expr, series, steps, range, offset);
            return steps;
        }
        var scratch = new List<double>();
        var rangeSeconds = range / 1e9;
        foreach (var (labels, seriesTimes, seriesValues) in series)
        {
            var times = seriesTimes.Span;
            var values = seriesValues.Span;
            int from = 0, to = 0;
            for (var i = 0; i < grid.Count; i++)
            {
                var windowEnd = grid.At(i) - offset;
                while (to < times.Length && !grid.AfterWindow(times[to], windowEnd)) to++;
                while (from < to && !grid.InWindow(times[from], windowEnd, range)) from++;
                if (to == from) continue;
                var window = new RangeWindow(values[from..to], rangeSeconds);
                steps.Steps[i].Add(new Sample(labels, window.Aggregate(expr.Op, expr.Parameter, expr.Range.Unwrap is not null, scratch)));
            }
        }
        return steps;
    }

    private List<LogSampleSeries> ReadSeries(RangeAggregationExpr expr, long start, long end)
    {
        var selector = expr.Range.Selector;
        var read = new LogRead(tenant, selector.Matchers, start, end, LogDirection.Forward, RequiredSubstrings.Of(selector));
        var extractor = new SampleExtractor(expr);
        var series = new Dictionary<Labels, LogSampleWindow>();
        foreach (var entry in source.Read(read, cancellationToken))
        {
            budget.Count(entry.Line);
            if (!extractor.TryExtract(entry, out var labels, out var value)) continue;
            if (!series.TryGetValue(labels, out var window))
            {
                if (series.Count >= limits.MaxSeries)
                    throw new LogQLLimitException($"the query would produce more than {limits.MaxSeries} series (max_series); add a filter or aggregate by fewer labels");
                series[labels] = window = new LogSampleWindow();
            }
            if (++samplesHeld > limits.MaxSamples)
                throw new LogQLLimitException($"the query would hold more than {limits.MaxSamples} samples (max_samples); narrow the time range or the stream selector");
            window.Add(entry.TimeUnixNano, value);
        }
        return [.. series.Select(s => Series(s.Key, s.Value))];

        static LogSampleSeries Series(Labels labels, LogSampleWindow window)
        {
            var (times, values) = window.Between(long.MinValue, long.MaxValue);
            return new LogSampleSeries(labels, times, values);
        }
    }

    /// <summary>
    /// <c>absent_over_time</c>: 1 at each step where no series has a line in the window, labelled with the selector's
    /// equality matchers (as Prometheus' <c>absent</c>); nothing where lines exist.
    /// </summary>
    private void FillAbsent(RangeAggregationExpr expr, IReadOnlyList<LogSampleSeries> series, VectorSteps steps, long range, long offset)
    {
        var matchers = expr.Range.Selector.Matchers;
        var labels = Labels.Of(matchers.Where(m => m.Type == LabelMatchType.Equal && matchers.Count(n => n.Name == m.Name) == 1).Select(m => (m.Name, m.Value)));
        var times = series.SelectMany(s => s.Times.ToArray()).Order().ToArray();
        int start = 0, end = 0;
        for (var i = 0; i < grid.Count; i++)
        {
            var windowEnd = grid.At(i) - offset;
            while (end < times.Length && !grid.AfterWindow(times[end], windowEnd)) end++;
            while (start < end && !grid.InWindow(times[start], windowEnd, range)) start++;
            if (end == start) steps.Steps[i].Add(new Sample(labels, 1));
        }
    }
}
