using OllyStack.Benchmarks.Workloads;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// A fleet of <see cref="SimulatedNodeHost"/>s scraped every 10 s from <see cref="StartMs"/> on, one scrape round at a
/// time in chronological order. <see cref="NodeExporterFleet"/> computes each scrape from its number alone, which
/// suits its 30-scrape ingest loop but lets its counters fall back after a couple of hours; a history of a day
/// needs state carried forward, or the stores would be judged on counter resets.
/// Deterministic for a seed: one <see cref="Random"/> (seeded, so the same sequence in every process) consumed in a
/// fixed order, so regenerating gives the same bytes.
/// </summary>
public sealed class FleetHistory
{
    public const long IntervalMs = NodeExporterFleet.IntervalMs;
    public const int SeriesPerHost = NodeExporterFleet.SeriesPerHost;

    private readonly Random _random;
    private readonly SimulatedNodeHost[] _hosts;
    private readonly double[] _values;

    public FleetHistory(int hosts, long startMs, int seed = 1)
    {
        _random = new Random(seed);
        _hosts = Enumerable.Range(0, hosts).Select(_ => new SimulatedNodeHost(_random)).ToArray();
        _values = new double[hosts * SeriesPerHost];
        StartMs = startMs;
    }

    public int Hosts => _hosts.Length;

    public long StartMs { get; }

    /// <summary>Scrape rounds taken so far.</summary>
    public int Rounds { get; private set; }

    /// <summary>The timestamp of the current round's samples.</summary>
    public long TimestampMs => StartMs + (Rounds - 1) * IntervalMs;

    /// <summary>Scrapes every host once more, 10 s after the previous round.</summary>
    public void NextRound()
    {
        var timestamp = StartMs + Rounds * IntervalMs;
        for (var host = 0; host < _hosts.Length; host++) _hosts[host].Scrape(timestamp, _random, _values.AsSpan(host * SeriesPerHost, SeriesPerHost));
        Rounds++;
    }

    /// <summary>The current round's values of one host, in <see cref="SimulatedNodeHost.Series"/> order.</summary>
    public ReadOnlySpan<double> Values(int host) => _values.AsSpan(host * SeriesPerHost, SeriesPerHost);
}
