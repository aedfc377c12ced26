using System.Text;
using OllyStack.Ingest.Metrics;

namespace OllyStack.Ingest.Tests;

public sealed class PrometheusNamesTests
{
    private static string LabelName(string key)
    {
        Span<byte> buffer = stackalloc byte[PrometheusNames.MaxNameLength];
        return Encoding.UTF8.GetString(buffer[..PrometheusNames.LabelName(Encoding.UTF8.GetBytes(key), buffer)]);
    }

    private static string Family(string name, string unit, bool isGauge = false, bool isMonotonicSum = false)
    {
        var buffer = new byte[PrometheusNames.MaxNameLength + 96];
        return Encoding.UTF8.GetString(buffer, 0, PrometheusNames.MetricFamily(Encoding.UTF8.GetBytes(name), unit, isGauge, isMonotonicSum, buffer));
    }

    private static string Float(double value)
    {
        Span<byte> buffer = stackalloc byte[40];
        return Encoding.ASCII.GetString(buffer[..PrometheusNames.FormatFloat(value, buffer)]);
    }

    [Theory]
    [InlineData("http.method", "http_method")]
    [InlineData("k8s.pod.name", "k8s_pod_name")]
    [InlineData("http-route/v1", "http_route_v1")]
    [InlineData("already_fine", "already_fine")]
    [InlineData("CamelCase", "CamelCase")]
    [InlineData("a:b", "a_b")]
    public void LabelNamesKeepOnlyLettersDigitsAndUnderscores(string key, string expected)
    {
        Assert.Equal(expected, LabelName(key));
    }

    [Theory]
    [InlineData("2xx", "key_2xx")]
    [InlineData("0", "key_0")]
    public void LabelNameWithALeadingDigitGetsAKeyPrefix(string key, string expected)
    {
        Assert.Equal(expected, LabelName(key));
    }

    [Theory]
    [InlineData("_private", "key_private")]
    [InlineData("_", "key_")]
    [InlineData("__reserved", "__reserved")]
    [InlineData("__name__", "__name__")]
    public void LoneLeadingUnderscoreGetsAKeyPrefixButADoubleOneIsKept(string key, string expected)
    {
        Assert.Equal(expected, LabelName(key));
    }

    [Fact]
    public void NonAsciiBytesBecomeUnderscores()
    {
        Assert.Equal("caf__", LabelName("caf\u00e9"));
    }

    [Theory]
    [InlineData("http.server.duration", "http_server_duration")]
    [InlineData("a..b", "a_b")]
    [InlineData("trailing.", "trailing")]
    [InlineData("ns:metric", "ns:metric")]
    [InlineData("1st.metric", "_1st_metric")]
    public void MetricNamesAreSanitisedWithRunsOfUnderscoresCollapsed(string name, string expected)
    {
        Assert.Equal(expected, Family(name, ""));
    }

    [Theory]
    [InlineData("s", false, "x_seconds")]
    [InlineData("ms", false, "x_milliseconds")]
    [InlineData("By", false, "x_bytes")]
    [InlineData("MiBy", false, "x_mebibytes")]
    [InlineData("1", true, "x_ratio")]
    [InlineData("1", false, "x")]
    [InlineData("{requests}", false, "x")]
    [InlineData("{requests}/s", false, "x_per_second")]
    [InlineData("By/s", false, "x_bytes_per_second")]
    [InlineData("m/s", false, "x_meters_per_second")]
    [InlineData("By/{batch}", false, "x_bytes")]
    [InlineData("%", true, "x_percent")]
    [InlineData(" s ", false, "x_seconds")]
    [InlineData("widgets", false, "x_widgets")]
    public void UnitsBecomeWordsAfterTheName(string unit, bool isGauge, string expected)
    {
        Assert.Equal(expected, Family("x", unit, isGauge));
    }

    [Fact]
    public void CounterEndsInTotalOnceAfterTheUnit()
    {
        Assert.Equal("requests_seconds_total", Family("requests", "s", isMonotonicSum: true));
        Assert.Equal("requests_seconds_total", Family("requests_total", "s", isMonotonicSum: true));
        Assert.Equal("latency_seconds_total", Family("latency_seconds", "s", isMonotonicSum: true));
    }

    [Fact]
    public void UnitAlreadyInTheNameIsNotRepeated()
    {
        Assert.Equal("memory_bytes", Family("memory.bytes", "By", isGauge: true));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.1, "0.1")]
    [InlineData(100, "100")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(0, "0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void FloatsAreFormattedTheWayPrometheusDoes(double value, string expected)
    {
        Assert.Equal(expected, Float(value));
    }
}
