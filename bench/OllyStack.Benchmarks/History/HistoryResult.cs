namespace OllyStack.Benchmarks.History;

/// <summary>
/// Everything the history benchmark measured on one target. CPU is the server process's user + system time;
/// "settle" is from the last acknowledgement until the data was queryable and the store had stopped compacting. The
/// three peak resident memory figures are the high-water mark after ingest, after settling and after the queries.
/// </summary>
public sealed record HistoryResult(
    string Target,
    string Version,
    ReplayOutcome Ingest,
    bool Queryable,
    double SettleSeconds,
    double SettleCpuSeconds,
    long PeakResidentBytesIngest,
    long PeakResidentBytesSettled,
    long PeakResidentBytes,
    DiskFootprint Disk,
    IReadOnlyList<QueryLatency> Queries,
    bool StoppedGracefully)
{
    public double CpuSecondsPerMillionSamples => Ingest.CpuSeconds / Ingest.Samples * 1e6;

    public double CpuSecondsPerMillionSamplesWithSettle => (Ingest.CpuSeconds + SettleCpuSeconds) / Ingest.Samples * 1e6;
}
