using OllyStack.Alerting.Rules.Templates;

namespace OllyStack.Alerting.Tests.Rules.Templates;

/// <summary>Numbers come out of templates exactly as Go (and so Prometheus) writes them.</summary>
public sealed class GoFormattingTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1e6, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e21, "1e+21")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void AFloatPrintsAsGoPrintsItWithPercentV(double value, string expected) => Assert.Equal(expected, GoFloat.Format(value));

    [Fact]
    public void NegativeZeroKeepsItsSign() => Assert.Equal("-0", GoFloat.Format(-0.0));

    [Theory]
    [InlineData(1234.5, 4, "1234")]
    [InlineData(12345.0, 4, "1.234e+04")]
    [InlineData(1.5, 4, "1.5")]
    [InlineData(0.0, 4, "0")]
    [InlineData(976.5625, 4, "976.6")]
    [InlineData(0.000123456, 3, "0.000123")]
    [InlineData(0.0000123456, 3, "1.23e-05")]
    [InlineData(100.0, 0, "1e+02")]
    public void PercentGWithAPrecisionRoundsHalfToEvenAndDropsTrailingZeros(double value, int precision, string expected) =>
        Assert.Equal(expected, GoFloat.FormatG(value, precision));

    [Theory]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(3.14159, 2, "3.14")]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(1e21, 1, "1000000000000000000000.0")]
    [InlineData(-0.001, 2, "-0.00")]
    public void PercentFHasExactlyThePrecisionsDecimals(double value, int precision, string expected) =>
        Assert.Equal(expected, GoFloat.FormatF(value, precision));

    [Theory]
    [InlineData(1.0, -1, "1e+00")]
    [InlineData(15.0, -1, "1.5e+01")]
    [InlineData(1234.5678, 2, "1.23e+03")]
    [InlineData(0.0, 3, "0.000e+00")]
    [InlineData(1e-100, -1, "1e-100")]
    public void PercentEWritesAtLeastTwoExponentDigits(double value, int precision, string expected) =>
        Assert.Equal(expected, GoFloat.FormatE(value, precision));

    [Theory]
    [InlineData("%.2f", 3.14159, "3.14")]
    [InlineData("%5.1f|", 2.25, "  2.2|")]
    [InlineData("%-6.1f|", 2.0, "2.0   |")]
    [InlineData("%+.1e", 12345.0, "+1.2e+04")]
    [InlineData("%08.3f", -3.14159, "-003.142")]
    [InlineData("%v", 1e6, "1e+06")]
    [InlineData("%g", 0.5, "0.5")]
    [InlineData("%G", 1e-7, "1E-07")]
    [InlineData("%s", 1.0, "%!s(float64=1)")]
    [InlineData("%d", 1.5, "%!d(float64=1.5)")]
    [InlineData("%.1f", double.PositiveInfinity, "+Inf")]
    [InlineData("100%%: %.0f", 99.5, "100%: 100")]
    public void PrintfFormatsAFloatAsGo(string format, double value, string expected) =>
        Assert.Equal(expected, GoPrintf.Format(format, [value]));

    [Theory]
    [InlineData("%d", 42L, "42")]
    [InlineData("%05d", -42L, "-0042")]
    [InlineData("%x", 255L, "ff")]
    [InlineData("%X", 255L, "FF")]
    [InlineData("%.3d", 7L, "007")]
    [InlineData("%s", "api", "api")]
    [InlineData("%q", "a\"b", "\"a\\\"b\"")]
    [InlineData("%.2s", "abc", "ab")]
    [InlineData("%6s|", "ab", "    ab|")]
    [InlineData("%-6s|", "ab", "ab    |")]
    [InlineData("%t", true, "true")]
    [InlineData("%v", false, "false")]
    public void PrintfFormatsOtherValuesAsGo(string format, object value, string expected) =>
        Assert.Equal(expected, GoPrintf.Format(format, [value]));

    [Fact]
    public void PrintfWritesMissingAndExtraArgumentsInline()
    {
        Assert.Equal("a %!d(MISSING)", GoPrintf.Format("a %d", []));
        Assert.Equal("a%!(EXTRA int=1, string=x)", GoPrintf.Format("a", [1L, "x"]));
        Assert.Equal("%!(NOVERB)", GoPrintf.Format("%", []));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(1234.0, "1.234k")]
    [InlineData(1234567.0, "1.235M")]
    [InlineData(1e6, "1M")]
    [InlineData(-2.5e9, "-2.5G")]
    [InlineData(0.1, "100m")]
    [InlineData(1e-6, "1u")]
    [InlineData(1e30, "1e+06Y")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void HumanizeUsesSIPrefixesAndFourSignificantDigits(double value, string expected) => Assert.Equal(expected, Humanize.Number(value));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(1024.0, "1ki")]
    [InlineData(1e6, "976.6ki")]
    [InlineData(1073741824.0, "1Gi")]
    [InlineData(1e-6, "1e-06")]
    public void Humanize1024UsesBinaryPrefixes(double value, string expected) => Assert.Equal(expected, Humanize.Binary(value));

    [Theory]
    [InlineData(0.0, "0s")]
    [InlineData(1.0, "1s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(59.99, "59.99s")]
    [InlineData(60.0, "1m 0s")]
    [InlineData(3600.0, "1h 0m 0s")]
    [InlineData(90061.0, "1d 1h 1m 1s")]
    [InlineData(1e6, "11d 13h 46m 40s")]
    [InlineData(-5.0, "-5s")]
    [InlineData(0.1, "100ms")]
    [InlineData(1e-6, "1us")]
    [InlineData(double.NaN, "NaN")]
    public void HumanizeDurationReadsSecondsAsDaysHoursMinutesSeconds(double seconds, string expected) =>
        Assert.Equal(expected, Humanize.Duration(seconds));

    [Theory]
    [InlineData(0.1234567, "12.35%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    public void HumanizePercentageWritesARatioAsAPercentage(double ratio, string expected) => Assert.Equal(expected, Humanize.Percentage(ratio));

    [Theory]
    [InlineData(1435065584.128, "2015-06-23 13:19:44.128 +0000 UTC")]
    [InlineData(0.0, "1970-01-01 00:00:00 +0000 UTC")]
    [InlineData(1e6, "1970-01-12 13:46:40 +0000 UTC")]
    [InlineData(1e300, "1e+300")]
    public void HumanizeTimestampWritesAUnixTimeAsGoPrintsAUtcTime(double seconds, string expected) =>
        Assert.Equal(expected, Humanize.Timestamp(seconds));
}
