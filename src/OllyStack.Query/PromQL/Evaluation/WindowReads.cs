using OllyStack.Storage.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// A windowed selector's series, found once, and the pooled room its windows are read into: one arena per slice of
/// the series (slices read on their own threads), filled again for each window, returned to the pools on dispose.
/// </summary>
internal sealed class WindowReads(IReadOnlyList<SeriesHandle> found) : IDisposable
{
    private readonly Dictionary<int, SampleArena> _arenas = [];

    public IReadOnlyList<SeriesHandle> Found { get; } = found;

    /// <summary>The arena of the slice starting at series <paramref name="from"/>; slices are the same for every window.</summary>
    public SampleArena ArenaOf(int from)
    {
        lock (_arenas)
        {
            if (!_arenas.TryGetValue(from, out var arena)) _arenas[from] = arena = new SampleArena(pooled: true);
            return arena;
        }
    }

    /// <summary>The previous window's samples are no longer used: their room is handed out again.</summary>
    public void Reset()
    {
        foreach (var arena in _arenas.Values) arena.Reset();
    }

    public void Dispose()
    {
        foreach (var arena in _arenas.Values) arena.Dispose();
        _arenas.Clear();
    }
}
