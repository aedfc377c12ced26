using System.Globalization;

namespace OllyStack.Benchmarks.Load;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(
    string Target,
    string Workload,
    double RawBytesPerRecord,
    int Connections,
    double Seconds,
    long Records,
    long Requests,
    long Errors,
    double P50Ms,
    double P99Ms,
    double ServerCores,
    double ServerMicrosecondsPerRecord,
    long PeakResidentBytes,
    double ClientCores,
    FsyncHistogram Fsync,
    double AllocatedBytesPerRecord,
    double ServerMeanRequestMs,
    string? FirstError)
{
    public const string MarkdownHeader =
        "| target | workload | records/s | server CPU cores | server CPU µs/record | peak RSS MiB | request p50 / p99 ms | WAL fsync mean / p99 ms | client CPU cores | errors |\n" +
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    public double RecordsPerSecond => Records / Seconds;

    public string Describe() =>
        $"{Target} {Workload}: {RecordsPerSecond:N0} records/s over {Seconds:F1} s ({Requests:N0} requests, {Errors} errors{(FirstError is null ? "" : $", first: {FirstError}")}), " +
        $"server {ServerCores:F2} cores = {ServerMicrosecondsPerRecord:F3} µs CPU/record, peak RSS {PeakResidentBytes / 1048576.0:F0} MiB, " +
        $"latency p50 {P50Ms:F1} ms p99 {P99Ms:F1} ms (server-side mean {ServerMeanRequestMs:F1} ms), fsync mean {Fsync.MeanMs:F2} ms p99 ≤{Fsync.P99Ms:F2} ms, allocated {AllocatedBytesPerRecord:F1} B/record, client {ClientCores:F2} cores";

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Target} | {Workload} | {RecordsPerSecond:N0} | {ServerCores:F2} | {ServerMicrosecondsPerRecord:F3} | {PeakResidentBytes / 1048576.0:F0} | {P50Ms:F1} / {P99Ms:F1} | {(Fsync.Count == 0 ? "-" : $"{Fsync.MeanMs:F2} / ≤{Fsync.P99Ms:F2}")} | {ClientCores:F2} | {Errors} |");
}
