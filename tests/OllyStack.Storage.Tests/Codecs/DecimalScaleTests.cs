using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class DecimalScaleTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(42.0, 0)]
    [InlineData(-3.0, 0)]
    [InlineData(0.1, 1)]
    [InlineData(12.34, 2)]
    [InlineData(1.005, 3)]
    [InlineData(0.30000000000000004, 17)]
    [InlineData(1e-18, 18)]
    [InlineData(9007199254740993.0, 0)]
    public void SmallestScaleIsTheNumberOfDecimalsTheShortestFormNeeds(double value, int scale)
    {
        foreach (var hint in new[] { 0, 7, DecimalScale.MaxScale })
        {
            Assert.Equal(scale, DecimalScale.Smallest(value, hint, out var mantissa));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(DecimalScale.Unscale(mantissa, scale)));
        }
    }

    [Fact]
    public void UnscalingABlockInPlaceGivesEachValueTheBitsUnscalingItAloneGives()
    {
        var random = new Random(3);
        for (var scale = 0; scale <= DecimalScale.MaxScale; scale++)
        {
            foreach (var count in new[] { 0, 1, 3, 4, 5, 8, 9, 1023 })
            {
                // Mantissas past 2^53 too, where converting to a double rounds.
                var mantissas = Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63)).ToArray();
                var expected = mantissas.Select(m => BitConverter.DoubleToInt64Bits(DecimalScale.Unscale(m, scale))).ToArray();
                DecimalScale.UnscaleInPlace(mantissas, scale);
                Assert.Equal(expected, mantissas);
            }
        }
    }

    [Fact]
    public void RescaledMantissasStillConvertBackExactly()
    {
        foreach (var (value, target) in new[] { (12.34, 5), (0.1, 18), (-7.0, 12), (123456.789, 12), (0.30000000000000004, 18) })
        {
            var scale = DecimalScale.Smallest(value, 0, out var mantissa);
            if (!DecimalScale.TryRescale(value, mantissa, scale, target, out var rescaled)) continue;
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(DecimalScale.Unscale(rescaled, target)));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0)]
    [InlineData(double.Epsilon)]
    [InlineData(1e19)]
    [InlineData(1e-19)]
    public void ValuesWithoutAnExactSixtyFourBitMantissaHaveNoScale(double value)
    {
        Assert.Equal(DecimalScale.None, DecimalScale.Smallest(value, hint: 0, out _));
    }
}
