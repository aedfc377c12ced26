using System.Runtime.InteropServices;
using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Evaluation;

internal sealed partial class MetricEvaluator
{
    /// <summary>The samples of one series of a range aggregation, in time order.</summary>
    private sealed class SeriesSamples
    {
        public List<long> Times { get; } = [];

        public List<double> Values { get; } = [];
    }

    /// <summary>Reads the lines of every step's window in one pass, then aggregates each series window by window.</summary>
    private VectorSteps EvaluateRange(RangeAggregationExpr expr)
    {
        var range = expr.Range.Range.Ticks * 100;
        var offset = expr.Range.Offset.Ticks * 100;
        var series = ReadSeries(expr, range, offset);
        var steps = VectorSteps.Empty(grid.Count);
        if (expr.Op == RangeOp.AbsentOverTime)
        {
            FillAbsent(expr, series, steps, range, offset);
            return steps;
        }
        var scratch = new List<double>();
        var rangeSeconds = range / 1e9;
        foreach (var (labels, samples) in series)
        {
            var times = CollectionsMarshal.AsSpan(samples.Times);
            var values = CollectionsMarshal.AsSpan(samples.Values);
            int start = 0, end = 0;
            for (var i = 0; i < grid.Count; i++)
            {
                var windowEnd = grid.At(i) - offset;
                while (end < times.Length && !grid.AfterWindow(times[end], windowEnd)) end++;
                while (start < end && !grid.InWindow(times[start], windowEnd, range)) start++;
                if (end == start) continue;
                var window = new RangeWindow(values[start..end], rangeSeconds);
                steps.Steps[i].Add(new Sample(labels, window.Aggregate(expr.Op, expr.Parameter, expr.Range.Unwrap is not null, scratch)));
            }
        }
        return steps;
    }

    private Dictionary<Labels, SeriesSamples> ReadSeries(RangeAggregationExpr expr, long range, long offset)
    {
        var selector = expr.Range.Selector;
        var (start, end) = grid.ReadSpan(range, offset);
        var read = new LogRead(tenant, selector.Matchers, start, end, LogDirection.Forward, RequiredSubstrings.Of(selector));
        var extractor = new SampleExtractor(expr);
        var series = new Dictionary<Labels, SeriesSamples>();
        foreach (var entry in source.Read(read, cancellationToken))
        {
            budget.Count(entry.Line);
            if (!extractor.TryExtract(entry, out var labels, out var value)) continue;
            if (!series.TryGetValue(labels, out var samples))
            {
                if (series.Count >= limits.MaxSeries)
                    throw new LogQLLimitException($"the query would produce more than {limits.MaxSeries} series (max_series); add a filter or aggregate by fewer labels");
                series[labels] = samples = new SeriesSamples();
            }
            if (++samplesHeld > limits.MaxSamples)
                throw new LogQLLimitException($"the query would hold more than {limits.MaxSamples} samples (max_samples); narrow the time range or the stream selector");
            samples.Times.Add(entry.TimeUnixNano);
            samples.Values.Add(value);
        }
        return series;
    }

    /// <summary>
    /// <c>absent_over_time</c>: 1 at each step where no series has a line in the window, labelled with the selector's
    /// equality matchers (as Prometheus' <c>absent</c>); nothing where lines exist.
    /// </summary>
    private void FillAbsent(RangeAggregationExpr expr, Dictionary<Labels, SeriesSamples> series, VectorSteps steps, long range, long offset)
    {
        var matchers = expr.Range.Selector.Matchers;
        var labels = Labels.Of(matchers.Where(m => m.Type == LabelMatchType.Equal && matchers.Count(n => n.Name == m.Name) == 1).Select(m => (m.Name, m.Value)));
        var times = series.Values.SelectMany(s => s.Times).Order().ToArray();
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
