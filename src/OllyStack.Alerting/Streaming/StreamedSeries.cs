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

    /// <summary>The longest window of the selectors it matches.</summary>
    public long WindowMs => _selectors.Count == 0 ? 0 : _selectors.Max(s => s.WindowMs);

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
