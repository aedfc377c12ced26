using System.Globalization;
using System.Text;

namespace OllyStack.Benchmarks.History;

/// <summary>The history benchmark's results as the markdown tables docs/BENCHMARKS.md uses.</summary>
public static class HistoryReport
{
    public static string IngestAndDisk(IReadOnlyList<HistoryResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | samples | samples/s | CPU s per M samples (ingest / + settle) | peak RSS MiB (ingest / settled / all) | compacted B/sample | data folder B/sample (settled / stopped) | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var samples = (double)r.Ingest.Samples;
            var compacted = r.Disk.BytesPerSample is { } b ? b.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
            var afterStop = r.Disk.BytesAfterStop is { } stopped ? $" (after stop {stopped / samples:F3})" : "";
            var folderAfterStop = r.Disk.DataDirBytesAfterStop is { } folder ? (folder / samples).ToString("F2", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target} {r.Version} | {r.Ingest.Samples:N0} | {r.Ingest.SamplesPerSecond:N0} | {r.CpuSecondsPerMillionSamples:F3} / {r.CpuSecondsPerMillionSamplesWithSettle:F3} | " +
                $"{r.PeakResidentBytesIngest / 1048576.0:F0} / {r.PeakResidentBytesSettled / 1048576.0:F0} / {r.PeakResidentBytes / 1048576.0:F0} | {compacted}{afterStop} | {r.Disk.DataDirBytes / samples:F2} / {folderAfterStop} | {r.Ingest.Errors} |"));
        }
        return text.ToString();
    }

    public static string Queries(IReadOnlyList<HistoryResult> results)
    {
        var text = new StringBuilder();
        text.Append("| query | range, step |");
        foreach (var r in results) text.Append(CultureInfo.InvariantCulture, $" {r.Target} p50 / p90 ms |");
        text.AppendLine(" series / points returned |");
        text.Append("|---|---|");
        foreach (var _ in results) text.Append("---:|");
        text.AppendLine("---|");
        if (results.Count == 0) return text.ToString();
        for (var q = 0; q < results[0].Queries.Count; q++)
        {
            var first = results[0].Queries[q];
            text.Append(CultureInfo.InvariantCulture, $"| {first.Name} | {first.Range}, {first.StepSeconds:0} s |");
            foreach (var r in results)
            {
                var latency = r.Queries[q];
                text.Append(latency.Error is null ? string.Create(CultureInfo.InvariantCulture, $" {latency.MedianMs:F1} / {latency.P90Ms:F1} |") : " error |");
            }
            text.AppendLine($" {string.Join("; ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Queries[q].Series} / {r.Queries[q].Points:N0}")))} |");
        }
        return text.ToString();
    }
}
