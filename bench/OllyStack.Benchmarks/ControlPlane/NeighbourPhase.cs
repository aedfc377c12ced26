using System.Globalization;

namespace OllyStack.Benchmarks.ControlPlane;

/// <summary>
/// One phase of the noisy-neighbour run: the quiet tenant's request latencies (from when each was due) and failures,
/// the flooding tenant's answers per second (none when it was not flooding), and the server's CPU.
/// </summary>
internal sealed record NeighbourPhase(Latencies Quiet, int QuietFailures, double NoisyAcceptedPerSecond, double NoisyRefusedPerSecond, long NoisyOther, double ServerCores)
{
    public const string MarkdownHeader =
        "| phase | quiet requests | quiet not accepted | quiet p50 ms | quiet p99 ms | quiet max ms | noisy accepted/s | noisy 429/s | noisy other | server cores |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string ToMarkdownRow(string phase) => string.Create(CultureInfo.InvariantCulture,
        $"| {phase} | {Quiet.Count} | {QuietFailures} | {Quiet.Percentile(0.5):F2} | {Quiet.Percentile(0.99):F2} | {Quiet.Percentile(1):F2} | {NoisyAcceptedPerSecond:F1} | {NoisyRefusedPerSecond:F0} | {NoisyOther} | {ServerCores:F2} |");
}
