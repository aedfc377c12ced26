using System.Diagnostics.Metrics;
using OllyStack.Server.Observability;

namespace OllyStack.Server.Tests.Observability;

public sealed class SelfMetricsTests : IDisposable
{
    // Instrument names carry the test's own prefix: every SelfMetrics in the process sees every OllyStack.* meter.
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private readonly Meter meter = new("OllyStack.Test");
    private readonly SelfMetrics metrics = new();

    public void Dispose()
    {
        metrics.Dispose();
        meter.Dispose();
    }

    private string[] Lines(string name) =>
        metrics.Render().Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) || l.Contains($" {name} ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void CounterIsRenderedWithTotalSuffixTypeAndTags()
    {
        var counter = meter.CreateCounter<long>($"{prefix}.requests", description: "Requests handled.");
        counter.Add(2, new KeyValuePair<string, object?>("tag", "v"));
        counter.Add(1, new KeyValuePair<string, object?>("tag", "v"));
        counter.Add(5, new KeyValuePair<string, object?>("tag", "w"));

        Assert.Equal(
            [
                $"# HELP {prefix}_requests_total Requests handled.",
                $"# TYPE {prefix}_requests_total counter",
                $"{prefix}_requests_total{{tag=\"v\"}} 3",
                $"{prefix}_requests_total{{tag=\"w\"}} 5",
            ],
            Lines($"{prefix}_requests_total"));
    }

    [Fact]
    public void HistogramIsRenderedWithCumulativeBucketsSumAndCount()
    {
        var histogram = meter.CreateHistogram<double>($"{prefix}.duration", unit: "s");
        var route = new KeyValuePair<string, object?>("route", "/a");
        histogram.Record(0.0625, route);
        histogram.Record(0.25, route);
        histogram.Record(8, route);

        var lines = Lines($"{prefix}_duration_seconds");

        Assert.Equal($"# TYPE {prefix}_duration_seconds histogram", lines[0]);
        string[] expected =
        [
            "0.0001 0", "0.00025 0", "0.0005 0", "0.001 0", "0.0025 0", "0.005 0", "0.01 0", "0.025 0", "0.05 0",
            "0.1 1", "0.25 2", "0.5 2", "1 2", "2.5 2", "5 2", "10 3", "+Inf 3",
        ];
        Assert.Equal(
            expected.Select(e => e.Split(' ')).Select(e => $"{prefix}_duration_seconds_bucket{{route=\"/a\",le=\"{e[0]}\"}} {e[1]}"),
            lines[1..^2]);
        Assert.Equal($"{prefix}_duration_seconds_sum{{route=\"/a\"}} 8.3125", lines[^2]);
        Assert.Equal($"{prefix}_duration_seconds_count{{route=\"/a\"}} 3", lines[^1]);
    }

    [Theory]
    [InlineData("sent", "By", "sent_bytes")]
    [InlineData("sent_bytes", "By", "sent_bytes")]
    [InlineData("uptime", "s", "uptime_seconds")]
    [InlineData("queue.depth", "{records}", "queue_depth")]
    [InlineData("latency", "ms", "latency")]
    public void UnitSuffixFollowsTheNameUnlessAlreadyThere(string name, string unit, string expected)
    {
        var gauge = meter.CreateUpDownCounter<long>($"{prefix}.{name}", unit);
        gauge.Add(7);

        Assert.Equal([$"# TYPE {prefix}_{expected} gauge", $"{prefix}_{expected} 7"], Lines($"{prefix}_{expected}"));
    }

    [Fact]
    public void CounterWithAUnitGetsTheUnitThenTotal()
    {
        meter.CreateCounter<long>($"{prefix}.received", "By").Add(1024);

        Assert.Contains($"{prefix}_received_bytes_total 1024", Lines($"{prefix}_received_bytes_total"));
    }

    [Fact]
    public void ObservableGaugeShowsItsLatestObservation()
    {
        var value = 1.5;
        meter.CreateObservableGauge($"{prefix}.queued", () => value);
        Assert.Contains($"{prefix}_queued 1.5", Lines($"{prefix}_queued"));

        value = 4;

        Assert.Contains($"{prefix}_queued 4", Lines($"{prefix}_queued"));
        Assert.DoesNotContain($"{prefix}_queued 5.5", Lines($"{prefix}_queued"));
    }

    [Fact]
    public void TagValuesAreEscaped()
    {
        meter.CreateCounter<int>($"{prefix}.odd").Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        Assert.Contains($"{prefix}_odd_total{{path=\"a\\\"b\\\\c\\nd\"}} 1", Lines($"{prefix}_odd_total"));
    }

    [Fact]
    public void MetersOutsideOllyStackAreNotRendered()
    {
        using var foreign = new Meter("Contoso.Test");
        foreign.CreateCounter<long>($"{prefix}.foreign").Add(1);

        Assert.Empty(Lines($"{prefix}_foreign_total"));
    }

    [Fact]
    public void ProcessFiguresAreAlwaysThere()
    {
        var text = metrics.Render();

        Assert.Contains("# TYPE process_cpu_seconds_total counter\n", text);
        Assert.Contains("\nprocess_resident_memory_bytes ", text);
        Assert.Contains("\ndotnet_gc_allocated_bytes_total ", text);
    }
}
