namespace OllyStack.Query.LogQL;

/// <summary>
/// Where LogQL reads stored log entries from: the embedded log store in the server, lists of entries in tests.
/// </summary>
public interface ILogSource
{
    /// <summary>
    /// The entries of the tenant's streams whose labels match every matcher of <paramref name="read"/>, with
    /// <see cref="LogRead.StartUnixNano"/> &lt;= time &lt; <see cref="LogRead.EndUnixNano"/>, merged across streams in
    /// time order (oldest first when forward, newest first when backward; entries of one time in stream order).
    /// Enumerating lazily lets a caller with a line limit stop early.
    /// </summary>
    IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken);
}
