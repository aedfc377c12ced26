using System.Net;
using System.Text.Json;
using OllyStack.EndToEnd.Grafana;

namespace OllyStack.EndToEnd;

/// <summary>
/// Grafana's Prometheus data source pointed at OllyStack's API port works unchanged: each request it makes with its
/// default settings succeeds and answers in the shape its parser reads. Grafana is not installable here, so
/// <see cref="GrafanaDataSource"/> replays its requests over HTTP against the real binary, and
/// <see cref="GrafanaShapes"/> checks the answers as Grafana reads them.
/// </summary>
public sealed class GrafanaPrometheusDataSourceTests(DashboardMetrics metrics) : IClassFixture<DashboardMetrics>
{
    private const string Rate = "sum by (code) (rate(http_requests_total[1m]))";

    private const string Median = "histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))";

    /// <summary>
    /// The median is the 15th of every 30 requests: the 0.1 s bucket holds 10 and the 0.5 s bucket 25, and
    /// histogram_quantile interpolates linearly inside the bucket it falls in.
    /// </summary>
    private const double ExpectedMedian = 0.1 + (0.5 - 0.1) * (15.0 - 10.0) / (25.0 - 10.0);

    private long End => metrics.EndSeconds;

    /// <summary>Grafana's default dashboard range, the last 6 hours, snapped outwards as its query editor does.</summary>
    private (double Start, double End) LastSixHours => (End - 6 * 3600, End + 60);

    [Fact]
    public async Task SaveAndTestReportsTheDataSourceIsWorking()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var (time, value) = GrafanaShapes.Scalar(GrafanaShapes.Data(await grafana.HealthCheckAsync()));
        Assert.Equal(4.0, time);
        Assert.Equal(2.0, value);

        var buildInfo = GrafanaShapes.Data(await grafana.BuildInfoAsync());
        // Grafana tells Prometheus from Mimir by the absence of "features", and offers match[] on label lookups
        // from Prometheus 2.24 on.
        Assert.True(Version.Parse(buildInfo.GetProperty("version").GetString()!) >= new Version(2, 24));
        Assert.False(buildInfo.TryGetProperty("features", out _));

        using var keyHeader = new GrafanaDataSource(metrics.Server, keyHeader: "X-Ollystack-Key");
        Assert.Equal(2.0, GrafanaShapes.Scalar(GrafanaShapes.Data(await keyHeader.HealthCheckAsync())).Value);

        using var keyless = new GrafanaDataSource(metrics.Server, key: "");
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.HealthCheckAsync()).StatusCode);
    }

    [Fact]
    public async Task DataSourceLoadFindsNoRecordingRulesAndOffersExemplars()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var rules = GrafanaShapes.Data(await grafana.RulesAsync());
        Assert.Equal(JsonValueKind.Array, rules.GetProperty("groups").ValueKind);
        Assert.Equal(0, rules.GetProperty("groups").GetArrayLength());

        var probe = GrafanaShapes.Data(await grafana.ExemplarSupportProbeAsync(End * 1000));
        Assert.Equal(JsonValueKind.Array, probe.ValueKind);
    }

    [Fact]
    public async Task QueryEditorListsMetricNamesWithTheirMetadataAndLabelNames()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);
        var (start, end) = LastSixHours;

        Assert.Equal(
            ["http_request_duration_seconds_bucket", "http_request_duration_seconds_count", "http_request_duration_seconds_sum", "http_requests_total"],
            GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelValuesAsync("__name__", start, end))));

        var metadata = GrafanaShapes.Metadata(GrafanaShapes.Data(await grafana.MetadataAsync()));
        Assert.Equal(("counter", "Requests handled.", ""), metadata["http_requests_total"]);
        Assert.Equal(("histogram", "Time to answer a request.", "seconds"), metadata["http_request_duration_seconds"]);

        Assert.Equal(["__name__", "code", "instance", "job", "le"], GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelNamesAsync(start, end))));
        Assert.Equal(["__name__", "code", "instance", "job"],
            GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelNamesAsync(start, end, "http_requests_total", "http_request_duration_seconds_count"))));

        var dayBefore = GrafanaShapes.Data(await grafana.LabelNamesAsync(End - 2 * 86400, End - 86400));
        Assert.Empty(GrafanaShapes.SortedStrings(dayBefore));
    }

    [Fact]
    public async Task LabelValuesAreNarrowedToTheChosenMetric()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);
        var (start, end) = LastSixHours;

        Assert.Equal(["200", "500"], GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelValuesAsync("code", start, end, "http_requests_total"))));
        Assert.Equal(["+Inf", "0.1", "0.5", "1"],
            GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelValuesAsync("le", start, end, $"http_request_duration_seconds_bucket{{job=\"{DashboardMetrics.Job}\"}}"))));
        Assert.Empty(GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelValuesAsync("le", start, end, "http_requests_total"))));
        // The metrics explorer's search box narrows metric names with a regular expression on __name__.
        Assert.Equal(["http_request_duration_seconds_count", "http_request_duration_seconds_sum"],
            GrafanaShapes.SortedStrings(GrafanaShapes.Data(await grafana.LabelValuesAsync("__name__", start, end, "{__name__=~\".*duration.*_(sum|count)\"}"))));
    }

    [Fact]
    public async Task SeriesLookupReturnsTheLabelSetsOfMatchingSeries()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);
        var (start, end) = LastSixHours;

        var series = GrafanaShapes.LabelSets(GrafanaShapes.Data(await grafana.SeriesAsync("http_request_duration_seconds_bucket{le=\"+Inf\"}", start, end)));
        var only = Assert.Single(series);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["__name__"] = "http_request_duration_seconds_bucket", ["instance"] = DashboardMetrics.Instance, ["job"] = DashboardMetrics.Job, ["le"] = "+Inf",
            },
            only);
        Assert.Equal(DashboardMetrics.SeriesCount,
            GrafanaShapes.LabelSets(GrafanaShapes.Data(await grafana.SeriesAsync($"{{job=\"{DashboardMetrics.Job}\"}}", start, end))).Count);
    }

    [Fact]
    public async Task TimeSeriesPanelGetsOneMatrixSeriesPerGroupAtEveryStep()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);
        const int step = DashboardMetrics.IntervalSeconds;
        double start = End - 8 * step;

        var frames = GrafanaShapes.Matrix(GrafanaShapes.Data(await grafana.RangeQueryAsync(Rate, start, End, step, timeout: "60s")));

        Assert.Equal(["200", "500"], frames.Select(f => f.Labels["code"]).Order());
        var steps = Enumerable.Range(0, 9).Select(i => start + i * step).ToList();
        foreach (var frame in frames)
        {
            Assert.Equal(["code"], frame.Labels.Keys);
            Assert.Equal(steps, frame.Points.Select(p => p.Time));
            var perSecond = DashboardMetrics.Codes.Single(c => c.Code == frame.Labels["code"]).PerStep / step;
            Assert.All(frame.Points, p => Assert.Equal(perSecond, p.Value, 9));
        }
    }

    [Fact]
    public async Task HistogramPanelGetsTheInterpolatedQuantileAsAnUnlabelledSeries()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var frame = Assert.Single(GrafanaShapes.Matrix(GrafanaShapes.Data(await grafana.RangeQueryAsync(Median, End - 60, End, 30))));

        Assert.Empty(frame.Labels);
        Assert.Equal([End - 60.0, End - 30.0, End], frame.Points.Select(p => p.Time));
        Assert.All(frame.Points, p => Assert.Equal(ExpectedMedian, p.Value, 9));
    }

    [Fact]
    public async Task InstantQueriesAnswerVectorsAtTheRequestedTimeAndScalarsAsMatricesOverARange()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var vector = GrafanaShapes.Vector(GrafanaShapes.Data(await grafana.InstantQueryAsync(Rate, End)));
        Assert.Equal(["200", "500"], vector.Select(s => s.Labels["code"]).Order());
        Assert.All(vector, s => Assert.Equal(End, Assert.Single(s.Points).Time));
        Assert.Equal(0.2, vector.Single(s => s.Labels["code"] == "500").Points[0].Value, 9);

        var median = Assert.Single(GrafanaShapes.Vector(GrafanaShapes.Data(await grafana.InstantQueryAsync(Median, End + 0.5))));
        Assert.Equal(End + 0.5, median.Points[0].Time);
        Assert.Equal(ExpectedMedian, median.Points[0].Value, 9);

        var constant = Assert.Single(GrafanaShapes.Matrix(GrafanaShapes.Data(await grafana.RangeQueryAsync("1+1", End - 30, End, 15))));
        Assert.Empty(constant.Labels);
        Assert.Equal([2.0, 2.0, 2.0], constant.Points.Select(p => p.Value));
    }

    [Fact]
    public async Task ExemplarToggleGetsAnEmptyExemplarList()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var exemplars = GrafanaShapes.Data(await grafana.ExemplarsAsync("http_request_duration_seconds_bucket", End - 300, End));

        Assert.Equal(JsonValueKind.Array, exemplars.ValueKind);
        Assert.Equal(0, exemplars.GetArrayLength());
    }

    [Fact]
    public async Task QueryErrorsComeBackAsPrometheusErrorTypesForGrafanaToShow()
    {
        using var grafana = new GrafanaDataSource(metrics.Server);

        var syntax = GrafanaShapes.Error(await grafana.InstantQueryAsync("sum(rate(http_requests_total[1m]", End), HttpStatusCode.BadRequest, "bad_data");
        Assert.Contains("parse error", syntax);

        var rangeOfRange = await grafana.RangeQueryAsync("http_requests_total[1m]", End - 60, End, 15);
        Assert.Contains("range query", GrafanaShapes.Error(rangeOfRange, HttpStatusCode.BadRequest, "bad_data"));
    }
}
