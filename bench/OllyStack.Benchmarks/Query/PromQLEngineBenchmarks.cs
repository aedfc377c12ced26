using BenchmarkDotNet.Attributes;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Benchmarks.Query;

/// <summary>
/// PromQL evaluation over an in-memory source of <see cref="SeriesCount"/> counter series (10 jobs × 10 instances ×
/// 10 paths) scraped every 15 s for 6 hours, so the figures are the engine's own cost without storage decoding.
/// Instant queries are dashboards' single-stat panels; the range query is a one-hour graph at a 15 s step.
/// </summary>
[MemoryDiagnoser]
public class PromQLEngineBenchmarks
{
    private const int SeriesCount = 1_000;
    private const long ScrapeIntervalMs = 15_000;
    private const long DurationMs = 6 * 3_600_000L;

    private PromQLEngine engine = null!;
    private Expr sumRate = null!;
    private Expr topkByJob = null!;
    private Expr quantileOverBuckets = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = new InMemorySeriesSource();
        var random = new Random(42);
        for (var s = 0; s < SeriesCount; s++)
        {
            var labels = Labels.Of(
                ("__name__", "http_requests_total"),
                ("job", $"job-{s / 100}"),
                ("instance", $"instance-{s / 10 % 10}"),
                ("le", (s % 10) == 9 ? "+Inf" : ((s % 10 + 1) * 0.1).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
            var value = 0.0;
            for (var t = 0L; t <= DurationMs; t += ScrapeIntervalMs)
            {
                value += random.Next(0, 10) * (s % 10 + 1);
                source.Append(labels, t, value);
            }
        }
        engine = new PromQLEngine(source);
        sumRate = PromQLParser.Parse("sum by (job) (rate(http_requests_total[5m]))");
        topkByJob = PromQLParser.Parse("topk(5, sum by (job, instance) (increase(http_requests_total[1h])))");
        quantileOverBuckets = PromQLParser.Parse("histogram_quantile(0.99, sum by (job, le) (rate(http_requests_total[5m])))");
    }

    [Benchmark]
    public QueryValue InstantSumOfRates() => engine.EvaluateInstant(sumRate, DurationMs);

    [Benchmark]
    public QueryValue InstantTopkOfIncreases() => engine.EvaluateInstant(topkByJob, DurationMs);

    [Benchmark]
    public QueryValue InstantHistogramQuantile() => engine.EvaluateInstant(quantileOverBuckets, DurationMs);

    [Benchmark]
    public MatrixValue RangeSumOfRatesOneHourAt15s() => engine.EvaluateRange(sumRate, DurationMs - 3_600_000, DurationMs, 15_000);
}
