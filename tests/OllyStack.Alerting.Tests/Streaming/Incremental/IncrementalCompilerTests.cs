using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Query.PromQL;

namespace OllyStack.Alerting.Tests.Streaming.Incremental;

public sealed class IncrementalCompilerTests
{
    [Theory]
    [InlineData("up == 0")]
    [InlineData("sum by (service) (rate(ollystack_span_calls_total{status_code=\"STATUS_CODE_ERROR\"}[5m])) / sum by (service) (rate(ollystack_span_calls_total[5m])) > 0.05")]
    [InlineData("histogram_quantile(0.99, sum by (le, service, operation) (rate(ollystack_span_duration_seconds_bucket[5m]))) > 0.5")]
    [InlineData("quantile_over_time(0.95, latency[10m] offset 1m) > 2 * 0.5")]
    [InlineData("avg without (cpu) (rate(node_cpu_seconds_total{mode!=\"idle\"}[1m])) > 0.9 unless on (instance) up == 0")]
    [InlineData("-(delta(temperature[5m])) >= bool 3")]
    public void Supported_expressions_compile(string expr) => Assert.NotNull(Compile(expr));

    [Theory]
    [InlineData("topk(3, rate(x[5m]))")]
    [InlineData("deriv(x[5m]) > 0")]
    [InlineData("absent(up{job=\"api\"})")]
    [InlineData("rate(x[5m]) * on (instance) group_left (version) build_info")]
    [InlineData("label_replace(up, \"a\", \"$1\", \"job\", \"(.*)\") == 0")]
    [InlineData("max_over_time(rate(x[1m])[5m:1m]) > 1")]
    [InlineData("up @ 1000 == 0")]
    [InlineData("quantile(0.9, up) > 0")]
    public void Other_expressions_do_not(string expr) => Assert.Null(Compile(expr));

    private static IncrementalQuery? Compile(string expr) => IncrementalQuery.For(new PromQLRuleQuery(expr, PromQLParser.Parse(expr)), TimeSpan.FromMinutes(5));
}
