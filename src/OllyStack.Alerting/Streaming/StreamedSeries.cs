using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming;

/// <summary>A series the stream keeps samples of: its window, and the watched selectors it matches.</summary>
internal sealed class StreamedSeries(SeriesHandle handle)
{
    private readonly List<StreamingSeriesSource.WatchedSelector> _selectors = [];

    public SeriesHandle Handle { get; } = handle;

    public Labels Labels => Handle.Labels;

    public SeriesWindow Window { get; } = new();

    public List<string> SelectorKeys { get; } = [];

    /// <summary>The longest window of the selectors it matches (a loop: every tick asks every series).</summary>
    public long WindowMs
    {
        get
        {
            var longest = 0L;
            foreach (var selector in _selectors) longest = Math.Max(longest, selector.WindowMs);
            return longest;
        }
    }

    public void Enter(StreamingSeriesSource.WatchedSelector selector)
    {
        _selectors.Add(selector);
        SelectorKeys.Add(selector.Key);
    }

    public void Leave(StreamingSeriesSource.WatchedSelector selector)
    {
        _selectors.Remove(selector);
        SelectorKeys.Remove(selector.Key);
        if (_selectors.Count == 0) Window.Clear();
    }
}
