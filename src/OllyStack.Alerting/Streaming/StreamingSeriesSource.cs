using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// One tenant's series that streaming rules read, with their recent samples, fed from the log instead of the store so
/// a rule sees a sample as soon as it is durable. Rules watch their selectors, each with the time window it reads
/// (its range and offset; 0 for an instant selector, which needs only the latest sample): a watched selector remembers
/// the series it matches, so evaluating a rule finds its series without a scan, and a series joins every watched
/// selector it matches when its first sample arrives. Only series some watched selector matches keep samples: the
/// latest one, and those within the longest window of the selectors it matches. Single-threaded: the streaming
/// engine feeds and evaluates on one thread.
/// </summary>
public sealed class StreamingSeriesSource : ISeriesSource
{
    private readonly List<StreamedSeries> _series = [];
    private readonly Dictionary<Labels, StreamedSeries> _byLabels = [];
    private readonly Dictionary<string, WatchedSelector> _selectors = new(StringComparer.Ordinal);

    public int SeriesCount => _series.Count;

    /// <summary>Samples held across all series.</summary>
    public long SampleCount => _series.Sum(s => (long)s.Window.Count);

    /// <summary>
    /// Keeps the series <paramref name="matchers"/> select from now on, with their samples of the last
    /// <paramref name="windowMs"/>; returns the selector's key. Each call must be paired with an <see cref="Unwatch"/>.
    /// </summary>
    public string Watch(IReadOnlyList<StorageMatcher> matchers, long windowMs)
    {
        var key = KeyOf(matchers);
        if (!_selectors.TryGetValue(key, out var selector))
        {
            _selectors[key] = selector = new WatchedSelector(key, [.. matchers]);
            foreach (var series in _series)
                if (selector.Matches(series.Labels)) selector.Join(series);
        }
        selector.Watch(windowMs);
        return key;
    }

    /// <summary>Ends one <see cref="Watch"/> of the selector; when none is left, its series stop keeping samples for it.</summary>
    public void Unwatch(string key, long windowMs)
    {
        if (!_selectors.TryGetValue(key, out var selector) || !selector.Unwatch(windowMs)) return;
        _selectors.Remove(key);
        foreach (var series in selector.Series) series.Leave(selector);
    }

    /// <summary>Takes a sample; returns the keys of the watched selectors its series matches (none: it is not kept).</summary>
    public IReadOnlyList<string> Offer(Labels labels, long timestampMs, double value)
    {
        if (!_byLabels.TryGetValue(labels, out var series)) series = Join(labels);
        if (series.SelectorKeys.Count > 0) series.Window.Add(timestampMs, value);
        return series.SelectorKeys;
    }

    /// <summary>The latest value of the series, if it keeps samples (what a delta series' running total continues from).</summary>
    public double? Latest(Labels labels) =>
        _byLabels.TryGetValue(labels, out var series) && series.Window.Count > 0 ? series.Window.Values[^1] : null;

    /// <summary>Drops, in every series, the samples older than its window behind <paramref name="nowMs"/> (the latest stays).</summary>
    public void Trim(long nowMs)
    {
        foreach (var series in _series) series.Window.TrimBefore(nowMs - series.WindowMs);
    }

    public IReadOnlyList<SeriesHandle> Find(IReadOnlyList<StorageMatcher> matchers)
    {
        if (_selectors.TryGetValue(KeyOf(matchers), out var selector)) return [.. selector.Series.Select(s => s.Handle)];
        var unwatched = new WatchedSelector("", [.. matchers]);
        return [.. _series.Where(s => unwatched.Matches(s.Labels)).Select(s => s.Handle)];
    }

    public IReadOnlyList<StoredSeries> Read(IReadOnlyList<SeriesHandle> series, long minMs, long maxMs, SampleArena? arena = null)
    {
        var read = new StoredSeries[series.Count];
        for (var i = 0; i < read.Length; i++)
        {
            var (timestamps, values) = _series[(int)series[i].Id].Window.Copy(minMs, maxMs);
            read[i] = new StoredSeries(series[i].Labels, timestamps, values);
        }
        return read;
    }

    /// <summary>The series a watched selector matches, in the order they joined it (it only grows while watched).</summary>
    internal IReadOnlyList<StreamedSeries> SeriesOf(string key) => _selectors.TryGetValue(key, out var selector) ? selector.Series : [];

    /// <summary>Matchers in a canonical order: the rule that watches a selector and the engine that reads it build the same key.</summary>
    internal static string KeyOf(IReadOnlyList<StorageMatcher> matchers) =>
        string.Join(',', matchers.Select(m => $"{m.Name}{m.Operator}{m.Value.Length}:{m.Value}").Order(StringComparer.Ordinal));

    private StreamedSeries Join(Labels labels)
    {
        var series = new StreamedSeries(new SeriesHandle((uint)_series.Count, labels));
        foreach (var selector in _selectors.Values)
            if (selector.Matches(labels)) selector.Join(series);
        _series.Add(series);
        _byLabels[labels] = series;
        return series;
    }

    internal sealed class WatchedSelector(string key, StorageMatcher[] matchers)
    {
        private readonly WatchedWindows _windows = new();

        public string Key { get; } = key;

        public List<StreamedSeries> Series { get; } = [];

        /// <summary>The longest window watched.</summary>
        public long WindowMs => _windows.Longest;

        public void Join(StreamedSeries series)
        {
            Series.Add(series);
            series.Enter(this);
        }

        public void Watch(long windowMs) => _windows.Watch(windowMs);

        /// <summary>Drops one watch; true when none is left.</summary>
        public bool Unwatch(long windowMs) => _windows.Unwatch(windowMs);

        public bool Matches(Labels labels)
        {
            foreach (var matcher in matchers)
                if (!matcher.Matches(labels.Get(matcher.Name))) return false;
            return true;
        }
    }
}
