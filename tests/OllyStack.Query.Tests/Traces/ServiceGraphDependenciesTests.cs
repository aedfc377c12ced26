using OllyStack.Core.Metrics;
using OllyStack.Query.Traces;
using OllyStack.Storage.Metrics;
using OllyStack.Testing;

namespace OllyStack.Query.Tests.Traces;

/// <summary>Dependencies from the call counters derived at ingest: the calls made within a window, exactly.</summary>
public sealed class ServiceGraphDependenciesTests : IDisposable
{
    private const long Hour = 3_600_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-graph-").FullName;
    private readonly TenantMetrics _metrics;

    public ServiceGraphDependenciesTests() =>
        _metrics = TenantMetrics.Open(_directory, "acme", new MetricsStoreOptions { Directory = _directory, OutOfOrderWindow = TimeSpan.FromDays(30) });

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Calls as the pipeline writes them: a delta per batch, added up by the store.</summary>
    private void Calls(string client, string server, long timeMs, double calls)
    {
        using var batch = MetricBatches.Of("acme", SeriesFlags.Delta, ($"__name__=ollystack_service_graph_request_total,client={client},server={server}", timeMs, calls));
        _metrics.Head.Append(batch);
    }

    [Fact]
    public void CallsBeforeTheWindowAreNotCountedAndCountersStartingInItCountWhole()
    {
        Calls("frontend", "cart", 10 * Hour, 5);
        Calls("frontend", "cart", 30 * Hour, 2);
        Calls("frontend", "cart", 31 * Hour, 3);
        Calls("frontend", "payments", 30 * Hour, 4);
        Calls("cart", "db", 10 * Hour, 9);

        var dependencies = ServiceGraphDependencies.Of(_metrics, 29 * Hour, 32 * Hour);

        Assert.Equal([new ServiceDependency("frontend", "cart", 5), new ServiceDependency("frontend", "payments", 4)], dependencies);
    }

    [Fact]
    public void ACounterThatRestartedCountsItsNewValueWhole()
    {
        using (var batch = MetricBatches.Of("acme", ("__name__=ollystack_service_graph_request_total,client=a,server=b", 1 * Hour, 10)))
            _metrics.Head.Append(batch);
        using (var batch = MetricBatches.Of("acme", ("__name__=ollystack_service_graph_request_total,client=a,server=b", 2 * Hour, 3)))
            _metrics.Head.Append(batch);
        using (var batch = MetricBatches.Of("acme", ("__name__=ollystack_service_graph_request_total,client=a,server=b", 3 * Hour, 7)))
            _metrics.Head.Append(batch);

        Assert.Equal([new ServiceDependency("a", "b", 7)], ServiceGraphDependencies.Of(_metrics, 90 * 60_000, 4 * Hour));
    }

    [Fact]
    public void ATenantWithoutMetricsHasNoDependencies() => Assert.Empty(ServiceGraphDependencies.Of(null, 0, Hour));
}
