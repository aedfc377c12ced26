using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using OllyStack.Query.Api;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;

namespace OllyStack.Query.Warmup;

/// <summary>
/// Runs the query path, from parsing through part reads to the JSON answer, over a small synthetic store until .NET's
/// tiered compilation has compiled it optimized. Without this the first loads of each dashboard after a start run
/// unoptimized code: a method is recompiled only after 30 calls, and with its profile after 30 more, so a panel over
/// one series answers several times slower for its first few loads. The store is written to
/// <c>directory</c>, which is deleted before and after; nothing of any tenant is read.
/// </summary>
public static class QueryWarmup
{
    internal const string Tenant = "query-warmup";

    /// <summary>Rounds run at least: enough calls for every method to pass both tiering thresholds.</summary>
    private const int MinRounds = 70;

    /// <summary>After <see cref="MinRounds"/>, stop once the JIT has compiled nothing new for this long.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    /// <summary>Between rounds once <see cref="MinRounds"/> are done, so the warm-up takes less CPU while compilation catches up.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>Stop regardless after this long: a busy server keeps compiling code of its own.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(20);

    /// <summary>How much history the synthetic store holds, ending now.</summary>
    private static readonly TimeSpan History = TimeSpan.FromHours(3);

    /// <summary>The shapes of dashboard panels and alert rules, over many series and over one.</summary>
    private static readonly string[] Queries =
    [
        "sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))",
        "avg(node_load1)",
        "max_over_time(node_load1[10m])",
        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
        "rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m])",
        "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes",
        "100 * (1 - node_memory_MemAvailable_bytes / on (instance) node_memory_MemTotal_bytes) > 10",
        $"sum by (mode) (rate(node_cpu_seconds_total{{instance=\"{WarmupFleet.Instance(3)}\"}}[5m]))",
        $"node_memory_MemAvailable_bytes{{instance=\"{WarmupFleet.Instance(3)}\"}}",
        "topk(5, sum by (instance) (rate(node_network_receive_bytes_total[5m])))",
        "sum by (instance) (irate(node_network_receive_bytes_total{instance=~\"warmup-0[0-4].*\", device=~\"eth.*\"}[5m]))",
        "increase(node_network_receive_bytes_total[1h])",
        "count by (job) (up == 1)",
    ];

    /// <summary>Ranges and steps the queries run over, ending at the newest scrape: a panel's 1 h and 3 h, and an instant.</summary>
    private static readonly (TimeSpan Range, TimeSpan Step)[] Ranges =
    [
        (TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)),
        (TimeSpan.FromHours(3), TimeSpan.FromMinutes(1)),
        (TimeSpan.Zero, TimeSpan.Zero),
    ];

    /// <summary>
    /// Builds the store in <paramref name="directory"/> with data ending at <paramref name="nowMs"/>, runs the queries
    /// round after round until compilation settles, and removes the store again.
    /// </summary>
    public static QueryWarmupReport Run(string directory, long nowMs, CancellationToken cancellationToken) =>
        Run(directory, nowMs, int.MaxValue, cancellationToken);

    /// <summary>As <see cref="Run(string, long, CancellationToken)"/>, but at most <paramref name="maxRounds"/> rounds.</summary>
    internal static QueryWarmupReport Run(string directory, long nowMs, int maxRounds, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        DeleteStore(directory);
        try
        {
            using var tenant = TenantMetrics.Open(directory, Tenant, new MetricsStoreOptions { Directory = directory });
            var end = nowMs / WarmupFleet.ScrapeMs * WarmupFleet.ScrapeMs;
            Fill(tenant, end, cancellationToken);
            return RunRounds(tenant, end, maxRounds, clock, cancellationToken);
        }
        finally
        {
            DeleteStore(directory);
        }
    }

    /// <summary>
    /// Every place a query reads from: the first two hours merged into a compact part (a settled day), the next 40
    /// minutes in a level-0 part (a recent flush), the rest in the head.
    /// </summary>
    private static void Fill(TenantMetrics tenant, long endMs, CancellationToken cancellationToken)
    {
        var start = endMs - (long)History.TotalMilliseconds;
        var flushed = endMs - (long)TimeSpan.FromMinutes(60).TotalMilliseconds;
        var recent = endMs - (long)TimeSpan.FromMinutes(20).TotalMilliseconds;
        tenant.Head.Append(WarmupFleet.Scrapes(start, flushed));
        tenant.Flush();
        tenant.ForceMerge(cancellationToken);
        tenant.Head.Append(WarmupFleet.Scrapes(flushed, recent));
        tenant.Flush();
        tenant.Head.Append(WarmupFleet.Scrapes(recent, endMs + 1));
    }

    private static QueryWarmupReport RunRounds(TenantMetrics tenant, long endMs, int maxRounds, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var json = new Utf8JsonWriter(Stream.Null);
        int rounds = 0, evaluations = 0, empty = 0;
        long points = 0;
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastCompile = clock.Elapsed;
        while (rounds < maxRounds && clock.Elapsed < MaxDuration)
        {
            foreach (var query in Queries)
            {
                foreach (var (range, step) in Ranges)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var answered = Evaluate(tenant, query, endMs, range, step, json, cancellationToken);
                    points += answered;
                    evaluations++;
                    if (answered == 0) empty++;
                }
            }
            rounds++;
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled) (compiled, lastCompile) = (now, clock.Elapsed);
            else if (rounds >= MinRounds && clock.Elapsed - lastCompile >= Quiet) break;
            // Past the thresholds the background compiler sets the pace; a round now and then keeps the counts going.
            if (rounds >= MinRounds) cancellationToken.WaitHandle.WaitOne(Pause);
        }
        return new QueryWarmupReport(rounds, evaluations, empty, points, clock.Elapsed);
    }

    /// <summary>One query as the HTTP API runs it: parsed, evaluated over a fresh source, written as JSON. Returns the points.</summary>
    private static long Evaluate(TenantMetrics tenant, string query, long endMs, TimeSpan range, TimeSpan step, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var expr = PromQLParser.Parse(query);
        var engine = new PromQLEngine(new MetricsStoreSeriesSource(tenant));
        QueryValue value = range == TimeSpan.Zero
            ? engine.EvaluateInstant(expr, endMs, cancellationToken)
            : engine.EvaluateRange(expr, endMs - (long)range.TotalMilliseconds, endMs, (long)step.TotalMilliseconds, cancellationToken);
        json.Reset(Stream.Null);
        QueryResultWriter.WriteAsync(json, value, () => ValueTask.CompletedTask).AsTask().GetAwaiter().GetResult();
        json.Flush();
        return value switch
        {
            MatrixValue matrix => matrix.Series.Sum(s => (long)s.Points.Count),
            VectorValue vector => vector.Samples.Count,
            _ => 1,
        };
    }

    private static void DeleteStore(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
