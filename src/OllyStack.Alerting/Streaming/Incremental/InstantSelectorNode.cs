using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// An instant selector: each matching series' latest sample in [t - offset - lookback, t - offset], unless it is a
/// stale marker — without an offset, the newest sample the stream brought, found without a copy.
/// </summary>
internal sealed class InstantSelectorNode(SeriesBinding binding, string key, long offsetMs, long lookbackMs) : VectorNode
{
    private readonly List<Sample> _result = [];

    public override List<Sample> Evaluate(long timeMs)
    {
        _result.Clear();
        var referenceMs = timeMs - offsetMs;
        foreach (var series in binding.SeriesOf(key))
        {
            var window = series.Window;
            var position = window.PositionAtOrAfter(referenceMs + 1) - 1;
            if (position < window.Dropped || window.TimestampAt(position) < referenceMs - lookbackMs) continue;
            var value = window.ValueAt(position);
            if (!StaleMarker.Is(value)) _result.Add(new Sample(series.Labels, value));
        }
        return _result;
    }
}
