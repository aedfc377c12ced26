namespace OllyStack.Alerting.Streaming;

/// <summary>
/// The windows the watches of one selector ask for, counted so each watch can end on its own; the selector keeps
/// <see cref="Longest"/>, kept up to date as watches change because every tick reads it for every series or stream.
/// </summary>
internal sealed class WatchedWindows
{
    private readonly SortedDictionary<long, int> _counts = [];

    public long Longest { get; private set; }

    public void Watch(long window)
    {
        _counts[window] = _counts.GetValueOrDefault(window) + 1;
        Longest = _counts.Keys.Last();
    }

    /// <summary>Drops one watch of <paramref name="window"/>; true when none is left.</summary>
    public bool Unwatch(long window)
    {
        if (_counts.TryGetValue(window, out var count)) _counts[window] = count - 1;
        if (_counts.GetValueOrDefault(window) <= 0) _counts.Remove(window);
        Longest = _counts.Count == 0 ? 0 : _counts.Keys.Last();
        return _counts.Count == 0;
    }
}
