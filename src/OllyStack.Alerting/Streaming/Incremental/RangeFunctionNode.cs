using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// A function of a range selector, <c>f(selector[range] offset o)</c>: one <see cref="WindowState"/> per matching
/// series, slid to [t - o - range, t - o] at each evaluation. The metric name goes, except for last_over_time.
/// </summary>
internal sealed class RangeFunctionNode(
    SeriesBinding binding, string key, RangeFunction function, ScalarNode? parameter, long rangeMs, long offsetMs) : VectorNode
{
    private readonly List<WindowState> _states = [];
    private readonly List<Sample> _result = [];

    public override List<Sample> Evaluate(long timeMs)
    {
        _result.Clear();
        var endMs = timeMs - offsetMs;
        var startMs = endMs - rangeMs;
        var argument = parameter?.Evaluate(timeMs) ?? 0;
        // A selector's series only ever join it while it is watched, so states line up with them by index.
        var series = binding.SeriesOf(key);
        while (_states.Count < series.Count) _states.Add(RangeFunctions.NewState(function));
        for (var i = 0; i < series.Count; i++)
        {
            var state = _states[i];
            state.Slide(series[i].Window, startMs, endMs);
            if (state.Value(function, argument, startMs, endMs) is not { } value) continue;
            var labels = function == RangeFunction.LastOverTime ? series[i].Labels : series[i].Labels.WithoutMetricName();
            _result.Add(new Sample(labels, value));
        }
        return _result;
    }
}
