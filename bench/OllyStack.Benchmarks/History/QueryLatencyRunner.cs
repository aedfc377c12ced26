using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// Runs every <see cref="DashboardQueries"/> query over every range, ending at the history's last round (aligned to
/// the step, as Grafana aligns), one request at a time: a cold first run, then <c>repeats</c> timed runs.
/// </summary>
public static class QueryLatencyRunner
{
    public static async Task<List<QueryLatency>> RunAsync(TargetServer server, HistorySpool spool, int repeats)
    {
        using var client = new PromQueryClient(server);
        var results = new List<QueryLatency>();
        foreach (var (rangeName, range, step) in DashboardQueries.Ranges)
        {
            var stepMs = (long)step.TotalMilliseconds;
            var end = spool.EndMs / stepMs * stepMs;
            var start = end - (long)range.TotalMilliseconds;
            foreach (var (name, query) in DashboardQueries.Queries)
            {
                var first = await client.RangeAsync(query, start, end, stepMs);
                var times = new List<double>(repeats);
                var error = first.Error;
                for (var i = 0; i < repeats && error is null; i++)
                {
                    var answer = await client.RangeAsync(query, start, end, stepMs);
                    error = answer.Error;
                    times.Add(answer.Milliseconds);
                }
                times.Sort();
                results.Add(new QueryLatency(name, query, rangeName, step.TotalSeconds, first.Milliseconds, times.Count,
                    NearestRank(times, 0.5), NearestRank(times, 0.9), first.Series, first.Points, error, server.PeakResidentBytes()));
            }
        }
        return results;
    }

    private static double NearestRank(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
