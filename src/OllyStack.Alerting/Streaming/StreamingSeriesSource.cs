using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// One tenant's series that streaming rules read, with their recent samples, fed from the log instead of the store so
/// a rule sees a sample as soon as it is durable. Rules watch their selectors: a watched selector remembers the
/// series it matches, so evaluating a rule finds its series without a scan, and a series joins every watched
/// selector it matches when its first sample arrives. Only series some watched selector matches keep samples, and
/// only for <see cref="WindowMs"/>. Single-threaded: the streaming engine feeds and evaluates on one thread.
/// </summary>
public sealed class StreamingSeriesSource(long windowMs) : ISeriesSource
{
    private readonly List<StreamedSeries> _series = [];
    private readonly Dictionary<Labels, StreamedSeries> _byLabels = [];
    private readonly Dictionary<string, WatchedSelector> _selectors = new(StringComparer.Ordinal);

    /// <summary>How far behind the newest sample a series keeps samples: what the watching rules' windows need.</summary>
    public long WindowMs { get; set; } = windowMs;

    public int SeriesCount => _series.Count;

    /// <summary>Keeps the series <paramref name="matchers"/> select from now on; returns the selector's key.</summary>
    public string Watch(IReadOnlyList<StorageMatcher> matchers)
    {
        var key = KeyOf(matchers);
        if (_selectors.ContainsKey(key)) return key;
        var selector = new WatchedSelector(key, [.. matchers]);
        _selectors[key] = selector;
        foreach (var series in _series)
            if (selector.Matches(series.Labels))
            {
                selector.Series.Add(series);
                series.Selectors.Add(selector.Key);
            }
        return key;
    }

    /// <summary>Takes a sample; returns the keys of the watched selectors its series matches (none: it is not kept).</summary>
    public IReadOnlyList<string> Offer(Labels labels, long timestampMs, double value)
    {
        if (!_byLabels.TryGetValue(labels, out var series)) series = Join(labels);
        if (series.Selectors.Count > 0) series.Window.Add(timestampMs, value);
        return series.Selectors;
    }

    /// <summary>Drops samples older than the window behind <paramref name="nowMs"/>.</summary>
    public void Trim(long nowMs)
    {
        foreach (var series in _series) series.Window.TrimBefore(nowMs - WindowMs);
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

    /// <summary>Matchers in a canonical order: the rule that watches a selector and the engine that reads it build the same key.</summary>
    private static string KeyOf(IReadOnlyList<StorageMatcher> matchers) =>
        string.Join(',', matchers.Select(m => $"{m.Name}{m.Operator}{m.Value.Length}:{m.Value}").Order(StringComparer.Ordinal));

    private StreamedSeries Join(Labels labels)
    {
        var series = new StreamedSeries(new SeriesHandle((uint)_series.Count, labels));
        foreach (var selector in _selectors.Values)
            if (selector.Matches(labels))
            {
                selector.Series.Add(series);
                series.Selectors.Add(selector.Key);
            }
        _series.Add(series);
        _byLabels[labels] = series;
        return series;
    }

    private sealed class StreamedSeries(SeriesHandle handle)
    {
        public SeriesHandle Handle { get; } = handle;

        public Labels Labels => Handle.Labels;

        public SeriesWindow Window { get; } = new();

        public List<string> Selectors { get; } = [];
    }

    private sealed class WatchedSelector(string key, StorageMatcher[] matchers)
    {
        public string Key { get; } = key;

        public List<StreamedSeries> Series { get; } = [];

        public bool Matches(Labels labels)
        {
            foreach (var matcher in matchers)
                if (!matcher.Matches(labels.Get(matcher.Name))) return false;
            return true;
        }
    }
}
