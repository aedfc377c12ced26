using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class RiceCodingTests
{
    /// <summary>
    /// Partitions whose noise grows from 0 to 44 bits, so k takes every value the fast run serves (several codes a
    /// refill, one, none) and some it does not, with escapes scattered among them and lengths that end mid-partition,
    /// mid-refill and within the stream's last eight bytes.
    /// </summary>
    [Fact]
    public void EveryParameterAndEscapeReadsBackWhereverRunsStop()
    {
        var random = new Random(7);
        foreach (var count in new[] { 1, 2, 3, 5, 127, 128, 129, 1000, 45 * RiceCoding.PartitionSize + 17 })
        {
            var values = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                var noiseBits = i / RiceCoding.PartitionSize % 45;
                values[i] = random.Next(40) == 0
                    ? (ulong)random.NextInt64() << random.Next(0, 2)
                    : noiseBits == 0 ? 0 : (ulong)random.NextInt64(0, 1L << noiseBits);
            }
            var buffer = new byte[RiceCoding.Measure(values) + 3];
            Assert.Equal(buffer.Length - 3, RiceCoding.Write(values, buffer));

            var decoded = new ulong[count];
            var rest = RiceCoding.Read(buffer, decoded);
            Assert.Equal(values, decoded);
            Assert.Equal(3, rest.Length);
        }
    }

    /// <summary>Mostly zeros (so k = 0) with runs of the longest unescaped code: a refill must not promise more codes than its bits hold.</summary>
    [Fact]
    public void RunsOfTheLongestUnescapedCodesReadBack()
    {
        var longest = (ulong)RiceCoding.EscapeQuotient - 1;
        var values = Enumerable.Range(0, 4 * RiceCoding.PartitionSize).Select(i => i % 64 < 8 ? longest : 0).ToArray();
        var buffer = new byte[RiceCoding.Measure(values)];
        RiceCoding.Write(values, buffer);

        var decoded = new ulong[values.Length];
        RiceCoding.Read(buffer, decoded);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void AStreamCutShortIsInvalidData()
    {
        var values = Enumerable.Range(0, 300).Select(i => (ulong)(i % 13)).ToArray();
        var buffer = new byte[RiceCoding.Measure(values)];
        RiceCoding.Write(values, buffer);
        Assert.Throws<InvalidDataException>(() => RiceCoding.Read(buffer.AsSpan(0, buffer.Length - 2), new ulong[values.Length]));
    }
}
