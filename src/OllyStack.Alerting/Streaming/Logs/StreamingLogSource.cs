using OllyStack.Query.LogQL;
using OllyStack.Storage.Logs;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming.Logs;

/// <summary>
/// One tenant's log streams that streaming log rules read, with their recent entries, fed from the durable log
/// instead of the store so a rule sees a line as soon as it is durable. Rules watch their stream selectors, each with
/// the window it reads (range plus offset); a stream joins every watched selector it matches when its first line
/// arrives, and keeps the lines of the longest such window. LogQL reads it as it reads the store: entries merged
/// across streams in time order. Single-threaded: the streaming engine feeds and evaluates on one thread.
/// </summary>
internal sealed class StreamingLogSource : ILogSource
{
    private readonly List<StreamedLogStream> _streams = [];
    private readonly Dictionary<string, StreamedLogStream> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WatchedLogSelector> _selectors = new(StringComparer.Ordinal);

    /// <summary>Entries held across all streams.</summary>
    public long EntryCount => _streams.Sum(s => (long)s.Count);

    /// <summary>
    /// Keeps the streams <paramref name="matchers"/> select from now on, with their lines of the last
    /// <paramref name="windowNano"/>; returns the selector's key. Each call must be paired with an <see cref="Unwatch"/>.
    /// </summary>
    public string Watch(IReadOnlyList<StorageMatcher> matchers, long windowNano)
    {
        var key = StreamingSeriesSource.KeyOf(matchers);
        if (!_selectors.TryGetValue(key, out var selector))
        {
            _selectors[key] = selector = new WatchedLogSelector(key, [.. matchers]);
            foreach (var stream in _streams)
                if (selector.Matches(stream.Labels.Labels)) selector.Join(stream);
        }
        selector.Watch(windowNano);
        return key;
    }

    /// <summary>Ends one <see cref="Watch"/> of the selector; when none is left, its streams stop keeping lines for it.</summary>
    public void Unwatch(string key, long windowNano)
    {
        if (!_selectors.TryGetValue(key, out var selector) || !selector.Unwatch(windowNano)) return;
        _selectors.Remove(key);
        foreach (var stream in selector.Streams) stream.Leave(selector);
    }

    /// <summary>The stream with these sorted labels; a new one joins the watched selectors it matches.</summary>
    public StreamedLogStream StreamOf(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
    {
        var key = LogStream.KeyOf(sortedLabels);
        if (_byKey.TryGetValue(key, out var stream)) return stream;
        stream = new StreamedLogStream(new LogStreamLabels([.. sortedLabels]));
        foreach (var selector in _selectors.Values)
            if (selector.Matches(sortedLabels)) selector.Join(stream);
        _streams.Add(stream);
        _byKey[key] = stream;
        return stream;
    }

    /// <summary>
    /// Takes a record of the stream as <paramref name="entry"/>; false when no watched selector matches the stream, or a
    /// seed already took the record from the store.
    /// </summary>
    public bool TryAdd(StreamedLogStream stream, in LogRow row, out LogEntry entry)
    {
        entry = default;
        if (stream.SelectorKeys.Count == 0) return false;
        entry = LogEntry.Of(stream.Labels, row);
        return stream.Add(entry);
    }

    /// <summary>
    /// Fills a watched selector's streams with what the store holds of their window: <paramref name="stored"/>, the
    /// store's entries of the selector in time order. Lines the stream already holds are not taken twice.
    /// </summary>
    public void Seed(IEnumerable<LogEntry> stored)
    {
        foreach (var byStream in stored.GroupBy(e => e.Stream))
            StreamOf(byStream.Key.Labels).Seed([.. byStream]);
    }

    /// <summary>Drops, in every stream, the lines older than its window behind <paramref name="nowNano"/>.</summary>
    public void Trim(long nowNano)
    {
        foreach (var stream in _streams) stream.TrimBefore(nowNano - stream.WindowNano);
    }

    public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
    {
        IReadOnlyList<StreamedLogStream> streams = _selectors.TryGetValue(StreamingSeriesSource.KeyOf(read.Selector), out var selector)
            ? selector.Streams
            : [.. _streams.Where(s => WatchedLogSelector.Matches(read.Selector, s.Labels.Labels))];
        return Merge(streams, read.StartUnixNano, read.EndUnixNano, read.Direction == LogDirection.Backward, cancellationToken);
    }

    /// <summary>The streams' entries in [start, end), in time order across streams; entries of one time in stream order.</summary>
    private static IEnumerable<LogEntry> Merge(IReadOnlyList<StreamedLogStream> streams, long startNano, long endNano, bool backward, CancellationToken cancellationToken)
    {
        var step = backward ? -1 : 1;
        var queue = new PriorityQueue<(int Stream, int Next, int Stop), (long Time, int Stream)>(streams.Count);
        for (var i = 0; i < streams.Count; i++)
        {
            var (from, to) = streams[i].Span(startNano, endNano);
            if (from < to) Enqueue(i, backward ? to - 1 : from, backward ? from - 1 : to);
        }
        while (queue.TryDequeue(out var cursor, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return streams[cursor.Stream][cursor.Next];
            if (cursor.Next + step != cursor.Stop) Enqueue(cursor.Stream, cursor.Next + step, cursor.Stop);
        }

        void Enqueue(int stream, int next, int stop)
        {
            var time = streams[stream][next].TimeUnixNano;
            queue.Enqueue((stream, next, stop), (backward ? -time : time, stream));
        }
    }
}
