using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class ResidualStreamTests
{
    public static TheoryData<string> Sequences() => [.. SequenceByName.Keys];

    private static readonly Dictionary<string, Func<Random, int, long[]>> SequenceByName = new()
    {
        ["zeros"] = (_, n) => new long[n],
        ["mostly-zero-with-spikes"] = (r, n) => Enumerable.Range(0, n).Select(_ => r.Next(50) == 0 ? r.NextInt64(-1_000_000, 1_000_000) : 0).ToArray(),
        ["small-noise"] = (r, n) => Enumerable.Range(0, n).Select(_ => (long)r.Next(-20, 21)).ToArray(),
        ["steady-rate"] = (r, n) => Enumerable.Range(0, n).Select(_ => 15_000L + r.Next(-3, 4)).ToArray(),
        ["whole-seconds"] = (r, n) => Enumerable.Range(0, n).Select(_ => 1000L * r.Next(-5, 6)).ToArray(),
        ["uniform-16-bit"] = (r, n) => Enumerable.Range(0, n).Select(_ => (long)r.Next(0, 65536)).ToArray(),
        ["full-range"] = (r, n) => Enumerable.Range(0, n).Select(_ => r.NextInt64(long.MinValue, long.MaxValue)).ToArray(),
        ["extremes"] = (r, n) => Enumerable.Range(0, n).Select(i => (i % 4) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => 0, _ => -1 }).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void ResidualsRoundTripInExactlyThePlannedSize(string name)
    {
        foreach (var count in new[] { 1, 2, 127, 128, 129, 300, 8192 })
        {
            var residuals = SequenceByName[name](new Random(count), count);
            var scratch = (long[])residuals.Clone();
            var plan = ResidualStream.Plan(scratch);
            var buffer = new byte[plan.Size + 5];

            Assert.Equal(plan.Size, ResidualStream.Write(scratch, plan, buffer));
            var decoded = new long[count];
            var rest = ResidualStream.Read(buffer, decoded);
            Assert.Equal(residuals, decoded);
            Assert.Equal(5, rest.Length);
        }
    }

    [Fact]
    public void MostlyZeroResidualsArePackedAtWidthZeroWithExceptions()
    {
        var residuals = new long[8192];
        residuals[100] = 15_000;
        residuals[101] = -15_000;

        var plan = ResidualStream.Plan(residuals);

        Assert.Equal(ResidualCoding.BitPacked, plan.Coding);
        Assert.Equal(0, plan.Width);
        Assert.True(plan.Size < 16, $"{plan.Size} bytes");
    }

    [Fact]
    public void GaussianNoiseIsRiceCodedBelowItsFixedWidth()
    {
        var random = new Random(3);
        var residuals = Enumerable.Range(0, 8192).Select(_ => (long)Math.Round(100 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

        var plan = ResidualStream.Plan(residuals);

        Assert.Equal(ResidualCoding.Rice, plan.Coding);
        Assert.True(plan.Size * 8.0 / 8192 < 9.5, $"{plan.Size * 8.0 / 8192:F2} bits a residual");
    }

    [Fact]
    public void ASteadyRateIsStoredAsTheNoiseAroundIt()
    {
        var random = new Random(4);
        var residuals = Enumerable.Range(0, 8192).Select(_ => 15_000L + random.Next(-3, 4)).ToArray();

        var plan = ResidualStream.Plan(residuals);

        Assert.Equal(15_000, plan.Offset);
        Assert.True(plan.Size * 8.0 / 8192 <= 3.5, $"{plan.Size * 8.0 / 8192:F2} bits a residual");
    }

    [Fact]
    public void ACommonFactorIsDividedOut()
    {
        var random = new Random(5);
        var residuals = Enumerable.Range(0, 1000).Select(_ => 4096L * random.Next(-8, 9)).ToArray();

        var plan = ResidualStream.Plan(residuals);

        Assert.Equal(4096UL, plan.Divisor);
    }
}
