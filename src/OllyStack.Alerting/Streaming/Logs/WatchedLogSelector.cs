using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming.Logs;

/// <summary>A stream selector some log rule reads: the streams it matches, in the order they joined, and the longest window watched.</summary>
internal sealed class WatchedLogSelector(string key, StorageMatcher[] matchers)
{
    private readonly WatchedWindows _windows = new();

    public string Key { get; } = key;

    public List<StreamedLogStream> Streams { get; } = [];

    public long WindowNano => _windows.Longest;

    public void Join(StreamedLogStream stream)
    {
        Streams.Add(stream);
        stream.Enter(this);
    }

    public void Watch(long windowNano) => _windows.Watch(windowNano);

    /// <summary>Drops one watch; true when none is left.</summary>
    public bool Unwatch(long windowNano) => _windows.Unwatch(windowNano);

    public bool Matches(IReadOnlyList<KeyValuePair<string, string>> labels) => Matches(matchers, labels);

    /// <summary>Whether every matcher accepts the stream's value of its label (empty when it has none).</summary>
    public static bool Matches(IReadOnlyList<StorageMatcher> matchers, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        foreach (var matcher in matchers)
            if (!matcher.Matches(ValueOf(labels, matcher.Name))) return false;
        return true;
    }

    private static string ValueOf(IReadOnlyList<KeyValuePair<string, string>> labels, string name)
    {
        foreach (var label in labels)
            if (label.Key == name) return label.Value;
        return "";
    }
}
