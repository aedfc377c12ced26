using OllyStack.Query.LogQL;

namespace OllyStack.Alerting.Streaming.Logs;

/// <summary>
/// A log stream the stream keeps entries of: its recent entries in time order (equal times in arrival order), and the
/// watched selectors it matches.
/// </summary>
internal sealed class StreamedLogStream(LogStreamLabels labels)
{
    private readonly List<WatchedLogSelector> _selectors = [];
    private readonly List<LogEntry> _entries = [];

    // Entries a seed took from the store that the log may deliver again (the store reads ahead of the stream): each
    // is skipped once when it arrives, and forgotten when it leaves the window.
    private Dictionary<(long TimeUnixNano, string Line), int>? _seeded;

    /// <summary>The stream's labels: the one instance every entry it hands out carries.</summary>
    public LogStreamLabels Labels { get; } = labels;

    public List<string> SelectorKeys { get; } = [];

    public int Count => _entries.Count;

    public LogEntry this[int index] => _entries[index];

    /// <summary>The longest window of the selectors it matches.</summary>
    public long WindowNano
    {
        get
        {
            var longest = 0L;
            foreach (var selector in _selectors) longest = Math.Max(longest, selector.WindowNano);
            return longest;
        }
    }

    public void Enter(WatchedLogSelector selector)
    {
        _selectors.Add(selector);
        SelectorKeys.Add(selector.Key);
    }

    public void Leave(WatchedLogSelector selector)
    {
        _selectors.Remove(selector);
        SelectorKeys.Remove(selector.Key);
        if (_selectors.Count > 0) return;
        _entries.Clear();
        _seeded = null;
    }

    /// <summary>Takes an entry from the log, unless a seed already took it from the store (then false).</summary>
    public bool Add(in LogEntry entry)
    {
        if (_seeded is not null && TakeSeeded((entry.TimeUnixNano, entry.Line))) return false;
        Insert(entry);
        return true;
    }

    /// <summary>
    /// Adds the store's entries (in time order) that the stream does not hold yet: those it holds came from the log
    /// before the seed, any other may still come from the log after it.
    /// </summary>
    public void Seed(IReadOnlyList<LogEntry> stored)
    {
        if (stored.Count == 0) return;
        var held = new Dictionary<(long, string), int>();
        for (var i = LowerBound(stored[0].TimeUnixNano); i < _entries.Count; i++)
            held[(_entries[i].TimeUnixNano, _entries[i].Line)] = held.GetValueOrDefault((_entries[i].TimeUnixNano, _entries[i].Line)) + 1;
        foreach (var entry in stored)
        {
            var key = (entry.TimeUnixNano, entry.Line);
            if (held.GetValueOrDefault(key) is var count and > 0)
            {
                held[key] = count - 1;
                continue;
            }
            Insert(entry with { Stream = Labels });
            _seeded ??= [];
            _seeded[key] = _seeded.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Drops the entries older than <paramref name="cutoffNano"/>.</summary>
    public void TrimBefore(long cutoffNano)
    {
        var drop = LowerBound(cutoffNano);
        if (drop > 0) _entries.RemoveRange(0, drop);
        if (_seeded is null) return;
        foreach (var key in _seeded.Keys.Where(k => k.TimeUnixNano < cutoffNano).ToList()) _seeded.Remove(key);
        if (_seeded.Count == 0) _seeded = null;
    }

    /// <summary>The positions of the entries with <paramref name="startNano"/> &lt;= time &lt; <paramref name="endNano"/>.</summary>
    public (int From, int To) Span(long startNano, long endNano) => (LowerBound(startNano), LowerBound(endNano));

    private bool TakeSeeded((long, string) key)
    {
        if (!_seeded!.TryGetValue(key, out var count)) return false;
        if (count == 1) _seeded.Remove(key);
        else _seeded[key] = count - 1;
        return true;
    }

    /// <summary>Inserts after every entry of the same or an earlier time: entries mostly arrive in order, so at the end.</summary>
    private void Insert(in LogEntry entry)
    {
        var time = entry.TimeUnixNano;
        if (_entries.Count == 0 || _entries[^1].TimeUnixNano <= time) _entries.Add(entry);
        else _entries.Insert(LowerBound(time + 1), entry);
    }

    /// <summary>The first position whose entry is at or after <paramref name="timeNano"/>.</summary>
    private int LowerBound(long timeNano)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_entries[middle].TimeUnixNano < timeNano) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
