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
}
