using BenchmarkDotNet.Attributes;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Streaming;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// One streaming rule over 1,000 counter series (10 jobs), 1 s apart: each operation takes one new sample per series
/// (the baseline, <see cref="SamplesOnly"/>) and evaluates the rule, from running window state (incremental) or by
/// the query engine over the windows (what streaming mode does for expressions outside the incremental set), so an
/// evaluation costs the difference to the baseline. Figures are per series (OperationsPerInvoke); "Allocated" shows
/// what an evaluation allocates once warm.
/// </summary>
[MemoryDiagnoser]
public class IncrementalRuleBenchmarks
{
    private const int Series = 1_000;
    private const long IntervalMs = 1_000;

    private readonly Labels[] _labels = [.. Enumerable.Range(0, Series).Select(i => Labels.Of(
        (Labels.MetricName, "http_requests_total"), ("job", $"job-{i % 10}"), ("instance", $"host-{i}")))];

    private StreamingSeriesSource _source = null!;
    private IncrementalQuery _incremental = null!;
    private PromQLRuleQuery _query = null!;
    private RuleQueryEvaluator _evaluator = null!;
    private long _nowMs;

    [Params("sum by (job) (rate(http_requests_total[5m])) > 0", "max_over_time(http_requests_total[1m]) > 1e12")]
    public string Expr { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _query = new PromQLRuleQuery(Expr, PromQLParser.Parse(Expr));
        _source = new StreamingSeriesSource();
        foreach (var selector in StreamingPlan.For(_query, TimeSpan.FromMinutes(5))!.Selectors) _source.Watch(selector.Matchers, selector.WindowMs);
        _incremental = IncrementalQuery.For(_query, TimeSpan.FromMinutes(5))!;
        _incremental.Bind(_source);
        _evaluator = new RuleQueryEvaluator(new PromQLEngineOptions(), null);
        _nowMs = 1_700_000_000_000;
        // Fill the windows: five minutes of samples, then keep the state warm.
        for (var i = 0; i < 300; i++) Step(evaluate: i % 30 == 0);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Series)]
    public int SamplesOnly() => Step(evaluate: false);

    [Benchmark(OperationsPerInvoke = Series)]
    public int Incremental() => Step(evaluate: true);

    [Benchmark(OperationsPerInvoke = Series)]
    public int QueryEngineOverWindows()
    {
        Advance();
        return _evaluator.Evaluate(_query, "bench", _source, _nowMs, CancellationToken.None).Count;
    }

    private int Step(bool evaluate)
    {
        Advance();
        return evaluate ? _incremental.Evaluate(_nowMs).Count : 0;
    }

    /// <summary>One new sample per series, and the windows slide.</summary>
    private void Advance()
    {
        _nowMs += IntervalMs;
        for (var i = 0; i < Series; i++) _source.Offer(_labels[i], _nowMs, _nowMs / 1000.0 * (1 + i % 7));
        // As the engine trims: a little behind the clock, which an evaluation may run ahead of.
        _source.Trim(_nowMs - 5_000);
    }
}
