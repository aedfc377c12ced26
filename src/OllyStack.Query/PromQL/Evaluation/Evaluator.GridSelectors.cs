using OllyStack.Core.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

// Grid blocks of selectors and of range functions of selectors: each loaded series walked once per block.
internal sealed partial class Evaluator
{
    /// <summary>Each series' latest sample in [t - lookback, t] at every step, unless it is a stale marker (as <see cref="SelectInstant"/>).</summary>
    private GridBlock SelectorBlock(VectorSelector selector, long firstStep, int steps)
    {
        var referenceMs = ReferenceTimes(selector.At, selector.Offset, firstStep, steps);
        var loaded = Load(selector, referenceMs[0] - LookbackMs, referenceMs[^1]);
        var block = new GridBlock(steps, loaded.Count);
        foreach (var series in loaded) block.AddRow(series.Labels);
        ForEachSlice(loaded.Count, (from, to) =>
        {
            for (var row = from; row < to; row++) SelectLatest(loaded[row], row, block, referenceMs, LookbackMs);
        });
        return block;
    }

    /// <summary>A range function of a plain selector at every step (as <see cref="EvaluateRangeFunction"/>), windows moving forward only.</summary>
    private GridBlock RangeFunctionBlock(Call call, long firstStep, int steps)
    {
        var range = (MatrixSelector)Unwrap(call.Args[0]);
        var name = call.Function.Name;
        var keepName = name == "last_over_time";
        var rangeMs = (long)range.Range.TotalMilliseconds;
        var referenceMs = ReferenceTimes(range.Selector.At, range.Selector.Offset, firstStep, steps);
        var reducers = StepReducers(name, firstStep, referenceMs, rangeMs);

        var loaded = Load(range.Selector, referenceMs[0] - rangeMs, referenceMs[^1]);
        var block = new GridBlock(steps, loaded.Count);
        foreach (var series in loaded) block.AddRow(keepName ? series.Labels : series.Labels.WithoutMetricName());
        var windowSamples = new long[steps];
        ForEachSlice(loaded.Count, (from, to) =>
        {
            var sliceSamples = new long[steps];
            for (var row = from; row < to; row++) ReduceWindows(loaded[row], row, block, referenceMs, rangeMs, reducers, sliceSamples);
            lock (windowSamples)
                for (var k = 0; k < steps; k++) windowSamples[k] += sliceSamples[k];
        });
        foreach (var count in windowSamples) _budget.CheckBlockStepSamples(count);
        return CheckedBlock(block, "vector cannot contain metrics with the same labelset");
    }

    /// <summary>One series' row of a selector block: at each step its latest sample within the lookback, unless a stale marker.</summary>
    private static void SelectLatest(LoadedSeries series, int row, GridBlock block, long[] referenceMs, long lookbackMs)
    {
        var timestamps = series.Timestamps.Span;
        var values = series.Values.Span;
        var next = FirstAtOrAfter(timestamps, referenceMs[0] + 1);
        for (var k = 0; k < referenceMs.Length; k++)
        {
            while (next < timestamps.Length && timestamps[next] <= referenceMs[k]) next++;
            var last = next - 1;
            if (last < 0 || timestamps[last] < referenceMs[k] - lookbackMs || StaleMarker.Is(values[last])) continue;
            block.Set(row, k, values[last]);
        }
    }

    /// <summary>One series' row of a range function block: each step's window found by two pointers that only move forward.</summary>
    private static void ReduceWindows(
        LoadedSeries series, int row, GridBlock block, long[] referenceMs, long rangeMs, Func<SampleWindow, double?>[] reducers, long[] windowSamples)
    {
        var timestamps = series.RangeTimestamps.Span;
        var values = series.RangeValues.Span;
        var start = FirstAtOrAfter(timestamps, referenceMs[0] - rangeMs);
        var end = start;
        for (var k = 0; k < referenceMs.Length; k++)
        {
            while (start < timestamps.Length && timestamps[start] < referenceMs[k] - rangeMs) start++;
            if (end < start) end = start;
            while (end < timestamps.Length && timestamps[end] <= referenceMs[k]) end++;
            if (end == start) continue;
            windowSamples[k] += end - start;
            var window = new SampleWindow(timestamps[start..end], values[start..end], series.RangeWithoutResets);
            if (reducers[k](window) is { } value) block.Set(row, k, value);
        }
    }

    /// <summary>The range function's reducer for each step from <paramref name="firstStep"/>, each over its own window.</summary>
    private Func<SampleWindow, double?>[] StepReducers(string name, long firstStep, long[] referenceMs, long rangeMs)
    {
        var reducers = new Func<SampleWindow, double?>[referenceMs.Length];
        for (var k = 0; k < reducers.Length; k++)
            reducers[k] = RangeReducer(name, [], StepTime(firstStep + k), referenceMs[k] - rangeMs, referenceMs[k]);
        return reducers;
    }

    /// <summary>The time a selector reads at for each step of a block, ascending (constant under <c>@</c>).</summary>
    private long[] ReferenceTimes(AtModifier? at, TimeSpan offset, long firstStep, int steps)
    {
        var times = new long[steps];
        for (var k = 0; k < steps; k++) times[k] = ReferenceTime(at, offset, StepTime(firstStep + k));
        return times;
    }
}
