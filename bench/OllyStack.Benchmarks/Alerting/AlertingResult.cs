using System.Globalization;
using System.Text;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// What one target measured. Latency is from the acknowledgement of the request carrying a breach to the receiver
/// getting its firing alert; a breach whose alert did not come within the time-out is missing, not a latency.
/// Rates and CPU are over the measurement window only.
/// </summary>
public sealed record AlertingResult(
    string Target,
    string Version,
    double Seconds,
    long Samples,
    long Requests,
    long Errors,
    string? FirstError,
    int Triggers,
    int Unacknowledged,
    int Missing,
    Latencies Latency,
    long Notifications,
    long FiringAlerts,
    int UnexpectedAlerts,
    double ServerCpuSeconds,
    long PeakResidentBytes,
    double ClientCpuSeconds,
    double OtherCpuSeconds,
    IReadOnlyList<TriggerOutcome> Outcomes)
{
    public double SamplesPerSecond => Samples / Seconds;

    public int Arrived => Latency.Count;

    public double ServerCores => ServerCpuSeconds / Seconds;

    public double ClientCores => ClientCpuSeconds / Seconds;

    /// <summary>CPU the rest of the machine used meanwhile (other processes, the kernel's own work); near 0 on a quiet machine.</summary>
    public double OtherCores => OtherCpuSeconds / Seconds;

    public static string Table(IReadOnlyList<AlertingResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | ingest samples/s | triggers | arrived | latency p50 / p99 / max ms | server CPU s per s | peak RSS MiB | request errors | loader CPU s per s | rest of machine CPU s per s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target} {r.Version} | {r.SamplesPerSecond:N0} | {r.Triggers} | {r.Arrived} | {Ms(r.Latency.Percentile(0.5))} / {Ms(r.Latency.Percentile(0.99))} / {Ms(r.Latency.Percentile(1))} | " +
                $"{r.ServerCores:F2} | {r.PeakResidentBytes / 1048576.0:F0} | {r.Errors} | {r.ClientCores:F2} | {r.OtherCores:F2} |"));
        return text.ToString();
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: {SamplesPerSecond:N0} samples/s acknowledged over {Seconds:F1} s ({Requests:N0} requests, {Errors} failed{(FirstError is null ? "" : $", first: {FirstError}")}); " +
        $"{Triggers} triggers, {Arrived} arrived, {Missing} missing, {Unacknowledged} never acknowledged; latency p50 {Ms(Latency.Percentile(0.5))} ms, " +
        $"p99 {Ms(Latency.Percentile(0.99))} ms, max {Ms(Latency.Percentile(1))} ms, min {Ms(Latency.Percentile(0))} ms; {Notifications} notification requests with " +
        $"{FiringAlerts} firing alerts, {UnexpectedAlerts} alerts that no trigger caused; server {ServerCores:F2} CPU s per s, peak RSS {PeakResidentBytes / 1048576.0:F0} MiB; " +
        $"loader {ClientCores:F2} CPU s per s, rest of the machine {OtherCores:F2}");

    /// <summary>Milliseconds as the tables print them: one decimal below 100, "-" for none.</summary>
    internal static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);
}
