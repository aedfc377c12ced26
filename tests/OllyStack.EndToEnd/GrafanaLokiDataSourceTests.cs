using System.Net;
using OllyStack.EndToEnd.Grafana;

namespace OllyStack.EndToEnd;

/// <summary>
/// Grafana's Loki data source pointed at OllyStack's API port works unchanged: each request it makes (Save &amp; test,
/// Explore's logs, logs volume and log context, dashboard panels, the label browser, the query builder's samples and
/// statistics) succeeds and answers in the shape its parsers read. Grafana is not installable here, so
/// <see cref="GrafanaLokiDataSource"/> replays its requests over HTTP against the real binary, and
/// <see cref="GrafanaLokiShapes"/> checks the answers as Grafana reads them.
/// </summary>
public sealed class GrafanaLokiDataSourceTests(DashboardLogs logs) : IClassFixture<DashboardLogs>
{
    private const string Checkout = "{service_name=\"checkout\"}";

    private long End => logs.EndMs;

    /// <summary>Grafana's default Explore range, the last hour.</summary>
    private long LastHour => End - 3_600_000;

    [Fact]
    public async Task SaveAndTestReportsTheDataSourceIsWorking()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var sample = Assert.Single(GrafanaLokiShapes.Vector(GrafanaLokiShapes.Data(await grafana.HealthCheckAsync())));
        Assert.Empty(sample.Labels);
        Assert.Equal(2.0, Assert.Single(sample.Points).Value);

        using var keyHeader = new GrafanaLokiDataSource(logs.Server, keyHeader: "X-Ollystack-Key");
        Assert.Equal(2.0, Assert.Single(GrafanaLokiShapes.Vector(GrafanaLokiShapes.Data(await keyHeader.HealthCheckAsync()))).Points[0].Value);

        using var keyless = new GrafanaLokiDataSource(logs.Server, key: "");
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.HealthCheckAsync()).StatusCode);
    }

    [Fact]
    public async Task ExploreGetsEveryLineOfTheRangeNewestFirstWithItsStreamLabels()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var data = GrafanaLokiShapes.Data(await grafana.RangeQueryAsync("{service_name=~\".+\"}", LastHour, End, stepMs: 2000));
        var rows = GrafanaLokiShapes.Streams(data);

        Assert.Equal(DashboardLogs.CheckoutLines + DashboardLogs.CartLines, rows.Count);
        Assert.Equal(
            Enumerable.Range(0, DashboardLogs.CheckoutLines).Select(i => (logs.CheckoutTime(i), DashboardLogs.CheckoutLine(i))).Order(),
            rows.Where(r => r.Labels["service_name"] == "checkout").Select(r => (r.TimeUnixNano, r.Line)).Order());
        Assert.All(rows, r => Assert.Equal(r.Labels["level"], r.Line.Split(' ')[0]["level=".Length..]));
        Assert.All(rows.Where(r => !r.Labels.ContainsKey("trace_id")), r => Assert.Equal(["level", "service_name"], r.Labels.Keys.Order()));
        Assert.True(GrafanaLokiShapes.TotalLinesProcessed(data) >= rows.Count);
    }

    /// <summary>
    /// Grafana's derived fields link a line to its trace by a label (<c>trace_id</c>), and a tracing data source's
    /// "logs for this span" asks for the trace's lines with a label filter: structured metadata serve as both, as in Loki.
    /// </summary>
    [Fact]
    public async Task DerivedFieldsFindTheTraceIdOfALineAmongItsLabelsAndTheTracesLinesByIt()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var cart = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync("{service_name=\"cart\"}", LastHour, End, 2000)));
        var traced = Assert.Single(cart, r => r.Labels.ContainsKey("trace_id"));
        Assert.Equal((logs.CartTime(1), DashboardLogs.CartTraceId), (traced.TimeUnixNano, traced.Labels["trace_id"]));

        var ofTheTrace = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(
            await grafana.RangeQueryAsync($"{{service_name=~\".+\"}} | trace_id=\"{DashboardLogs.CartTraceId}\"", LastHour, End, 2000)));
        var line = Assert.Single(ofTheTrace);
        Assert.Equal((traced.TimeUnixNano, traced.Line, DashboardLogs.CartTraceId), (line.TimeUnixNano, line.Line, line.Labels["trace_id"]));
    }

    [Fact]
    public async Task LineLimitKeepsTheNewestLinesOrTheOldestWhenSortedOldestFirst()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var newest = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync(Checkout, LastHour, End, 2000, maxLines: 5)));
        Assert.Equal(Enumerable.Range(15, 5).Select(logs.CheckoutTime), newest.Select(r => r.TimeUnixNano).Order());

        var oldest = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync(Checkout, LastHour, End, 2000, maxLines: 3, direction: "forward")), "forward");
        Assert.Equal(Enumerable.Range(0, 3).Select(logs.CheckoutTime), oldest.Select(r => r.TimeUnixNano).Order());
    }

    /// <summary>
    /// "Show context" on checkout's error line 10: Grafana asks for the row's stream (its indexed labels) ten lines
    /// back from the row's millisecond and ten lines on from it, and drops the row itself from the lines after.
    /// </summary>
    [Fact]
    public async Task LogContextGetsTheLinesOfTheRowsStreamBeforeAndAfterIt()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);
        var rowMs = logs.CheckoutTime(10) / 1_000_000;
        const long twoHours = 2 * 3_600_000;
        const string stream = "{level=\"error\", service_name=\"checkout\"}";

        var before = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync(stream, rowMs - twoHours, rowMs, 1000, maxLines: 10)));
        var after = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync(stream, rowMs, rowMs + twoHours, 1000, maxLines: 10, direction: "forward")), "forward");

        Assert.Equal([logs.CheckoutTime(5), logs.CheckoutTime(0)], before.Select(r => r.TimeUnixNano));
        Assert.Equal([logs.CheckoutTime(10), logs.CheckoutTime(15)], after.Select(r => r.TimeUnixNano));
    }

    /// <summary>
    /// The bar chart above Explore's logs: Grafana wraps the query in <c>sum by (level, detected_level)
    /// (count_over_time(... | drop __error__[$__auto]))</c>, <c>$__auto</c> being its step, and sends it as a supporting query.
    /// </summary>
    [Fact]
    public async Task LogsVolumeCountsTheLinesOfEachLevelPerStep()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var reply = await grafana.RangeQueryAsync($"sum by (level, detected_level) (count_over_time({Checkout} | drop __error__[10s]))", LastHour, End, 10_000,
            supporting: LokiSupportingQuery.LogsVolume);

        var volume = GrafanaLokiShapes.Matrix(GrafanaLokiShapes.Data(reply)).ToDictionary(f => f.Labels["level"]);
        Assert.Equal(["error", "info"], volume.Keys.Order());
        Assert.All(volume.Values, f => Assert.Equal(["level"], f.Labels.Keys));
        double[] lastTwoSteps = [(End - 10_000) / 1000.0, End / 1000.0];
        Assert.Equal(lastTwoSteps.Select(t => (t, 2.0)), volume["error"].Points);
        Assert.Equal(lastTwoSteps.Select(t => (t, 8.0)), volume["info"].Points);
    }

    [Fact]
    public async Task DashboardPanelsGetASeriesPerGroupAtEveryStepAndStatPanelsASample()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var perService = GrafanaLokiShapes.Matrix(GrafanaLokiShapes.Data(
            await grafana.RangeQueryAsync("sum by (service_name) (count_over_time({service_name=~\".+\"}[1m]))", End - 30_000, End, 10_000)));
        Assert.Equal(["cart", "checkout"], perService.Select(f => f.Labels["service_name"]).Order());
        var checkout = perService.Single(f => f.Labels["service_name"] == "checkout");
        Assert.Equal([((End - 10_000) / 1000.0, 10.0), (End / 1000.0, 20.0)], checkout.Points);

        var errors = Assert.Single(GrafanaLokiShapes.Vector(GrafanaLokiShapes.Data(
            await grafana.InstantQueryAsync("sum(count_over_time({service_name=\"checkout\", level=\"error\"}[1m]))", End))));
        Assert.Equal((End / 1000.0, (double)DashboardLogs.CheckoutErrors), Assert.Single(errors.Points));

        var rate = GrafanaLokiShapes.Matrix(GrafanaLokiShapes.Data(
            await grafana.RangeQueryAsync($"sum(rate({Checkout} | logfmt | status >= 500 [20s]))", End - 10_000, End, 10_000)));
        Assert.Equal(DashboardLogs.CheckoutErrors / 20.0, Assert.Single(rate).Points[^1].Value, 9);
    }

    /// <summary>
    /// Grafana never asks for fewer than a 11,000th of the range per step (rounded up to the millisecond), and Loki
    /// answers up to 11,000 steps; a smaller step is refused with a message Grafana shows.
    /// </summary>
    [Fact]
    public async Task TheSmallestStepGrafanaAsksForIsAnswered()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);
        const string count = $"sum(count_over_time({Checkout}[1m]))";

        var series = Assert.Single(GrafanaLokiShapes.Matrix(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync(count, End - 11_000_000, End, 1000))));
        Assert.Equal((End / 1000.0, (double)DashboardLogs.CheckoutLines), series.Points[^1]);

        var tooFine = await grafana.RangeQueryAsync(count, End - 11_000_000, End, 999);
        Assert.Contains("maximum resolution", GrafanaLokiShapes.Error(tooFine, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task LabelBrowserListsTheLabelsValuesAndStreamsOfTheRange()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        Assert.Equal(["level", "service_name"], GrafanaShapes.SortedStrings(GrafanaLokiShapes.Data(await grafana.LabelsAsync(LastHour, End))));
        Assert.Equal(["cart", "checkout"], GrafanaShapes.SortedStrings(GrafanaLokiShapes.Data(await grafana.LabelValuesAsync("service_name", LastHour, End))));
        Assert.Equal(["info"], GrafanaShapes.SortedStrings(GrafanaLokiShapes.Data(await grafana.LabelValuesAsync("level", LastHour, End, "{service_name=\"cart\"}"))));
        Assert.Equal(["level", "service_name"],
            GrafanaShapes.SortedStrings(GrafanaLokiShapes.Data(await grafana.LabelsAsync(LastHour, End, "{service_name=\"cart\"}"))));

        var streams = GrafanaShapes.LabelSets(GrafanaLokiShapes.Data(await grafana.SeriesAsync(Checkout, LastHour, End)));
        Assert.Equal(["error", "info"], streams.Select(s => s["level"]).Order());
        Assert.All(streams, s => Assert.Equal(["level", "service_name"], s.Keys.Order()));

        Assert.Empty(GrafanaShapes.SortedStrings(GrafanaLokiShapes.Data(await grafana.LabelsAsync(LastHour - 3_600_000, LastHour))));

        // Grafana 12 first asks for detected labels, and uses the endpoints above when that is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await grafana.DetectedLabelsAsync(LastHour, End)).StatusCode);
    }

    [Fact]
    public async Task QueryBuilderSamplesLinesAndEstimatesWhatAQueryReads()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        var sample = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(
            await grafana.RangeQueryAsync(Checkout, LastHour, End, 2000, maxLines: 10, supporting: LokiSupportingQuery.DataSample)));
        Assert.Equal(10, sample.Count);
        Assert.All(sample, r => Assert.StartsWith("level=", r.Line));

        var parsed = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(await grafana.RangeQueryAsync($"{Checkout} | logfmt", LastHour, End, 2000, maxLines: 10)));
        Assert.All(parsed, r => Assert.Equal(r.Line.Contains("status=500", StringComparison.Ordinal) ? "500" : "200", r.Labels["status"]));

        var (streams, chunks, bytes, entries) = GrafanaLokiShapes.IndexStats(await grafana.IndexStatsAsync(Checkout, LastHour, End));
        Assert.Equal((2, DashboardLogs.CheckoutLines), (streams, entries));
        Assert.True(chunks > 0 && bytes > 0, $"{chunks} chunks, {bytes} bytes");
        Assert.Equal((0, 0, 0, 0), GrafanaLokiShapes.IndexStats(await grafana.IndexStatsAsync(Checkout, LastHour - 3_600_000, LastHour)));
    }

    [Fact]
    public async Task MetricSampleUnderAnExploreGraphGetsTheLinesBehindIt()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        // Grafana turns sum(count_over_time({...} |= "status=500" [1m])) into its log query and limits it to 100 lines.
        var lines = GrafanaLokiShapes.Streams(GrafanaLokiShapes.Data(
            await grafana.RangeQueryAsync($"{Checkout} |= \"status=500\"", LastHour, End, 2000, maxLines: 100, supporting: LokiSupportingQuery.LogsSample)));

        Assert.Equal(Enumerable.Range(0, DashboardLogs.CheckoutLines).Where(DashboardLogs.IsError).Select(DashboardLogs.CheckoutLine).Order(), lines.Select(r => r.Line).Order());
    }

    [Fact]
    public async Task QueryErrorsComeBackAsTextGrafanaShows()
    {
        using var grafana = new GrafanaLokiDataSource(logs.Server);

        Assert.Contains("parse error", GrafanaLokiShapes.Error(await grafana.RangeQueryAsync("{service_name=\"checkout\"", LastHour, End, 2000), HttpStatusCode.BadRequest));
        Assert.Contains("instant", GrafanaLokiShapes.Error(await grafana.InstantQueryAsync(Checkout, End), HttpStatusCode.BadRequest), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max entries limit", GrafanaLokiShapes.Error(await grafana.RangeQueryAsync(Checkout, LastHour, End, 2000, maxLines: 10_000), HttpStatusCode.BadRequest));
    }
}
