using OllyStack.Testing;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

public sealed class MetricsStoreSeriesSourceTests : IDisposable
{
    private static readonly double StaleMarker = BitConverter.Int64BitsToDouble(0x7ff0000000000002);
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-series-source-").FullName;
    private readonly TenantMetrics _tenant;

    public MetricsStoreSeriesSourceTests() =>
        _tenant = TenantMetrics.Open(_directory, "default", new MetricsStoreOptions { Directory = _directory, OutOfOrderWindow = TimeSpan.FromMinutes(10) });

    public void Dispose()
    {
        _tenant.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void QueriesSeeFlushedAndUnflushedSamplesAsOneSeries()
    {
        var samples = Enumerable.Range(0, 11).Select(i => ("__name__=requests_total,job=api", i * 60_000L, i * 6.0)).ToArray();
        Append(samples[..6]);
        Assert.Equal(1, _tenant.Flush());
        Append(samples[6..]);

        var result = Assert.IsType<MatrixValue>(Engine().EvaluateInstant("requests_total[10m]", 600_000));

        Assert.Equal(samples.Select(s => new Point(s.Item2, s.Item3)), Assert.Single(result.Series).Points);
    }

    private void Append(params (string Labels, long TimestampMs, double Value)[] samples)
    {
        using var batch = MetricBatches.Of("default", samples);
        _tenant.Head.Append(batch);
    }

    private PromQLEngine Engine() => new(new MetricsStoreSeriesSource(_tenant));

    private PromQLEngine EngineOver(params (string Labels, long TimestampMs, double Value)[] samples)
    {
        Append(samples);
        return Engine();
    }

    [Fact]
    public void AppendedSamplesAreQueriedWithTheirLabels()
    {
        var engine = EngineOver(
            ("__name__=http_requests,job=api", 0, 1),
            ("__name__=http_requests,job=api", 60_000, 2),
            ("__name__=http_requests,job=web", 60_000, 5),
            ("__name__=other,job=api", 60_000, 7));

        var result = Assert.IsType<VectorValue>(engine.EvaluateInstant("http_requests", 60_000));

        Assert.Equal(
            [(Labels.Of(("__name__", "http_requests"), ("job", "api")), 2.0), (Labels.Of(("__name__", "http_requests"), ("job", "web")), 5.0)],
            result.Samples.OrderBy(s => s.Labels).Select(s => (s.Labels, s.Value)));
    }

    [Fact]
    public void RegexMatchersAndAggregationsRunOverTheHead()
    {
        var engine = EngineOver(
            ("__name__=http_requests,job=api", 60_000, 2),
            ("__name__=http_requests,job=web", 60_000, 5),
            ("__name__=http_requests,job=db", 60_000, 11));

        var result = Assert.IsType<VectorValue>(engine.EvaluateInstant("sum(http_requests{job=~\"api|web\"})", 60_000));

        Assert.Equal(7, Assert.Single(result.Samples).Value);
    }

    [Fact]
    public void RateReadsTheSamplesOfTheRangeFromTheHead()
    {
        var samples = Enumerable.Range(0, 11).Select(i => ("__name__=requests_total,job=api", i * 60_000L, i * 6.0)).ToArray();
        var engine = EngineOver(samples);

        var result = Assert.IsType<VectorValue>(engine.EvaluateInstant("rate(requests_total[5m])", 600_000));

        var sample = Assert.Single(result.Samples);
        Assert.Equal(Labels.Of(("job", "api")), sample.Labels);
        Assert.Equal(0.1, sample.Value, 12);
    }

    [Fact]
    public void AStaleMarkerInTheHeadEndsTheSeries()
    {
        var engine = EngineOver(("__name__=up,job=api", 0, 1), ("__name__=up,job=api", 30_000, StaleMarker));

        Assert.Single(Assert.IsType<VectorValue>(engine.EvaluateInstant("up", 15_000)).Samples);
        Assert.Empty(Assert.IsType<VectorValue>(engine.EvaluateInstant("up", 45_000)).Samples);
    }

    [Fact]
    public void ARangeSelectorReturnsTheHeadsSamplesAsAMatrix()
    {
        var engine = EngineOver(("__name__=up,job=api", 0, 1), ("__name__=up,job=api", 30_000, 0), ("__name__=up,job=api", 60_000, 1));

        var result = Assert.IsType<MatrixValue>(engine.EvaluateInstant("up[1m]", 60_000));

        Assert.Equal([new Point(0, 1), new Point(30_000, 0), new Point(60_000, 1)], Assert.Single(result.Series).Points);
    }
}
