using OllyStack.Storage.Logs;

namespace OllyStack.Query.LogQL;

/// <summary>
/// LogQL's view of the embedded log store: a tenant's records as entries (<see cref="LogEntry.Of"/>).
/// </summary>
public sealed class StoredLogSource(LogsStore store) : ILogSource
{
    public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
    {
        if (store.Find(read.Tenant) is not { } tenant) yield break;
        var selection = new LogSelection(read.Selector, read.StartUnixNano, read.EndUnixNano, read.Direction == LogDirection.Backward, read.RequiredSubstrings);
        var streams = new Dictionary<LogStream, LogStreamLabels>(ReferenceEqualityComparer.Instance);
        foreach (var (stream, row) in tenant.Read(selection, cancellationToken))
        {
            if (!streams.TryGetValue(stream, out var labels)) streams[stream] = labels = new LogStreamLabels(stream.Labels);
            yield return LogEntry.Of(labels, row);
        }
    }

    /// <summary>The tenant's streams with records in [start, end) that every matcher accepts.</summary>
    public IReadOnlyList<LogStream> Streams(string tenant, IReadOnlyList<Storage.Index.LabelMatcher> selector, long startUnixNano, long endUnixNano) =>
        store.Find(tenant)?.Streams(new LogSelection(selector, startUnixNano, endUnixNano, false, [])) ?? [];
}
