using System.Globalization;

namespace OllyStack.Benchmarks.Load;

/// <summary>The server's WAL fsync latency histogram for one topic, read from /metrics; differences give a window.</summary>
public sealed record FsyncHistogram(IReadOnlyList<(double Le, double Count)> Buckets, double Sum, double Count)
{
    public static readonly FsyncHistogram Empty = new([], 0, 0);

    public double MeanMs => Count == 0 ? double.NaN : Sum / Count * 1000;

    public double P99Ms => Quantile(0.99);

    public double P50Ms => Quantile(0.5);

    public static async Task<FsyncHistogram> ReadAsync(TargetServer server, string topic)
    {
        if (!server.Name.StartsWith("ollystack", StringComparison.Ordinal)) return Empty;
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(server.ApiBase, "/metrics"));
        var prefix = "ollystack_wal_fsync_duration_seconds";
        var selector = $"{{topic=\"{topic}\"";
        var buckets = new List<(double, double)>();
        double sum = 0, count = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal) || !line.Contains(selector, StringComparison.Ordinal)) continue;
            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            if (line.StartsWith(prefix + "_bucket", StringComparison.Ordinal))
            {
                var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                le = le[..le.IndexOf('"')];
                buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), value));
            }
            else if (line.StartsWith(prefix + "_sum", StringComparison.Ordinal)) sum = value;
            else if (line.StartsWith(prefix + "_count", StringComparison.Ordinal)) count = value;
        }
        return new FsyncHistogram(buckets, sum, count);
    }

    /// <summary>One unlabelled sample of the server's /metrics (OllyStack only; NaN for other servers).</summary>
    public static async Task<double> ReadValueAsync(TargetServer server, string name)
    {
        if (!server.Name.StartsWith("ollystack", StringComparison.Ordinal)) return double.NaN;
        using var http = new HttpClient();
        foreach (var line in (await http.GetStringAsync(new Uri(server.ApiBase, "/metrics"))).Split('\n'))
            if (line.StartsWith(name + " ", StringComparison.Ordinal)) return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
        return double.NaN;
    }

    public FsyncHistogram Minus(FsyncHistogram earlier) => earlier.Count == 0 && earlier.Buckets.Count == 0
        ? this
        : new FsyncHistogram(Buckets.Select((b, i) => (b.Le, b.Count - (i < earlier.Buckets.Count ? earlier.Buckets[i].Count : 0))).ToList(), Sum - earlier.Sum, Count - earlier.Count);

    // The upper bound of the bucket holding the quantile: coarse, but honest about the histogram's resolution.
    private double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        foreach (var (le, cumulative) in Buckets)
            if (cumulative >= q * Count) return le * 1000;
        return double.PositiveInfinity;
    }
}
