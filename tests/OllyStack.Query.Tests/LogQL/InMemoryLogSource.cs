using OllyStack.Query.LogQL;

namespace OllyStack.Query.Tests.LogQL;

/// <summary>
/// An <see cref="ILogSource"/> over entries held in a list, for tests: streams match by Prometheus matcher semantics,
/// entries come in time order (insertion order within one time). It records the reads and how many entries each
/// yielded, so tests can check hints and early stops.
/// </summary>
internal sealed class InMemoryLogSource : ILogSource
{
    private readonly List<LogEntry> entries = [];
    private readonly Dictionary<string, LogStreamLabels> streams = new(StringComparer.Ordinal);

    public List<LogRead> Reads { get; } = [];

    public int EntriesYielded { get; private set; }

    /// <summary>Adds an entry; streams with the same labels share one <see cref="LogStreamLabels"/> instance, as the contract requires.</summary>
    public void Add(IEnumerable<KeyValuePair<string, string>> streamLabels, long timeUnixNano, string line, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        var sorted = streamLabels.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var key = string.Join(",", sorted.Select(l => l.Key + "=" + l.Value));
        if (!streams.TryGetValue(key, out var stream)) streams[key] = stream = new LogStreamLabels(sorted);
        entries.Add(new LogEntry(stream, timeUnixNano, line, metadata ?? []));
    }

    public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
    {
        Reads.Add(read);
        var selected = entries
            .Select((entry, index) => (entry, index))
            .Where(x => x.entry.TimeUnixNano >= read.StartUnixNano && x.entry.TimeUnixNano < read.EndUnixNano)
            .Where(x => read.Selector.All(m => m.Matches(x.entry.Stream.Labels.FirstOrDefault(l => l.Key == m.Name).Value ?? "")));
        var ordered = read.Direction == LogDirection.Forward
            ? selected.OrderBy(x => x.entry.TimeUnixNano).ThenBy(x => x.index)
            : selected.OrderByDescending(x => x.entry.TimeUnixNano).ThenBy(x => x.index);
        foreach (var (entry, _) in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EntriesYielded++;
            yield return entry;
        }
    }
}
