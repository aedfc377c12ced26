using OllyStack.Query.Api;

namespace OllyStack.Query.Tests.Api;

public sealed class PrometheusFloatTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(-2.5e-5, "-0.000025")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(1.2345e-7, "0.00000012345")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(-1.5e22, "-15000000000000000000000")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void ValuesArePlainDecimalsWithTheFewestRoundTripDigits(double value, string expected) =>
        Assert.Equal(expected, PrometheusFloat.Format(value));

    [Fact]
    public void TimestampsAreSecondsWithMilliseconds() => Assert.Equal(1435781451.781, PrometheusFloat.Seconds(1435781451781));

    [Fact]
    public void FormattingOnTheStackWritesWhatFormatWritesOrDeclines()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 5_000).Select(_ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 23)), random.Next(0, 6)) * (random.Next(2) * 2 - 1))
            .Concat([0.0, -0.0, 1e21, 1e-7, 0.1, 123456.789, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity]);
        Span<byte> text = stackalloc byte[32];
        var declined = 0;
        foreach (var value in values)
        {
            if (PrometheusFloat.TryFormat(value, text, out var written)) Assert.Equal(PrometheusFloat.Format(value), System.Text.Encoding.UTF8.GetString(text[..written]));
            else declined++;
        }
        Assert.InRange(declined, 3, 2_000);
    }

    [Theory]
    [InlineData(1435781451781, "1435781451.781")]
    [InlineData(1435781451780, "1435781451.78")]
    [InlineData(1435781451700, "1435781451.7")]
    [InlineData(1435781451000, "1435781451")]
    [InlineData(1435781451001, "1435781451.001")]
    [InlineData(1435781451010, "1435781451.01")]
    [InlineData(0, "0")]
    public void TimestampsFormattedOnTheStackAreTheShortestRoundTripSeconds(long timestampMs, string expected)
    {
        Span<byte> text = stackalloc byte[32];

        Assert.True(PrometheusFloat.TryFormatSeconds(timestampMs, text, out var written));

        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(text[..written]));
        Assert.Equal(PrometheusFloat.Seconds(timestampMs).ToString("R", System.Globalization.CultureInfo.InvariantCulture), expected);
    }
}
