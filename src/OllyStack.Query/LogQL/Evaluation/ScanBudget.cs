using System.Text;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>Counts what a query reads against its limits and watches for cancellation, once per line read.</summary>
internal sealed class ScanBudget(LogQLLimits limits, CancellationToken cancellationToken)
{
    public long LinesScanned { get; private set; }

    public long BytesScanned { get; private set; }

    public LogScanStatistics Statistics => new(LinesScanned, BytesScanned);

    /// <exception cref="LogQLLimitException">The query has read more lines or bytes than allowed.</exception>
    /// <exception cref="OperationCanceledException">The query was cancelled.</exception>
    public void Count(string line)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (++LinesScanned > limits.MaxLinesScanned)
            throw new LogQLLimitException($"the query would read more than {limits.MaxLinesScanned} lines (max_lines_scanned); narrow the time range or the stream selector");
        BytesScanned += Encoding.UTF8.GetByteCount(line);
        if (BytesScanned > limits.MaxBytesScanned)
            throw new LogQLLimitException($"the query would read more than {limits.MaxBytesScanned} bytes (max_bytes_scanned); narrow the time range or the stream selector");
    }
}
