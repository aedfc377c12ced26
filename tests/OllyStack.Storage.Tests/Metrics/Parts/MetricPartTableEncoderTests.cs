using System.Buffers;
using OllyStack.Storage.Codecs;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Tests.Metrics.Parts;

/// <summary>The series table a writer builds, byte for byte as docs/format/metric-part.md lays it out, and read back.</summary>
public sealed class MetricPartTableEncoderTests
{
    [Fact]
    public void TheTableIsTheFormatsEntriesWithTheFirstTimestampFromThePartsSmallest()
    {
        var encoder = new MetricPartTableEncoder();
        encoder.AddSeries(3, [1_000, 2_000], [10, 20]);
        encoder.AddSeries(10, [500], [5]);
        var written = new ArrayBufferWriter<byte>();

        encoder.Write(written, partMinTimestamp: 500);

        var expected = new ArrayBufferWriter<byte>();
        foreach (var (value, signed) in new (long, bool)[] { (3, false), (2, false), (500, true), (10, false), (1_000, true), (20, false), (7, false), (1, false), (-1_500, true), (5, false) })
        {
            var span = expected.GetSpan(Varint.MaxLength);
            expected.Advance(signed ? Varint.WriteSigned(span, value) : Varint.Write(span, (ulong)value));
        }
        Assert.Equal(expected.WrittenSpan.ToArray(), written.WrittenSpan.ToArray());
        Assert.Equal((2, 3, MetricPartFormat.HeaderLength + 35L), (encoder.SeriesCount, encoder.BlockCount, encoder.BlocksEnd));

        var header = new MetricPartHeader(new PartId(0, 0), 0, 500, 3_000, 3, encoder.SeriesCount, encoder.BlockCount);
        var table = MetricPartTable.Read(written.WrittenSpan, header);
        Assert.Equal([3u, 10u], Enumerable.Range(0, table.SeriesCount).Select(table.RefAt));
        Assert.Equal([1_000L, 2_000, 500], Enumerable.Range(0, table.BlockCount).Select(table.BlockMinTimestamp));
        Assert.Equal((MetricPartFormat.HeaderLength + 30L, 5), table.BlockExtent(2));
    }

    [Fact]
    public void AnEmptyTableHasNoBytes()
    {
        var written = new ArrayBufferWriter<byte>();

        new MetricPartTableEncoder().Write(written, partMinTimestamp: 0);

        Assert.Equal(0, written.WrittenCount);
    }

    [Fact]
    public void RefsMustAscend()
    {
        var encoder = new MetricPartTableEncoder();
        encoder.AddSeries(0, [1], [1]);

        Assert.Throws<ArgumentException>(() => encoder.AddSeries(0, [2], [1]));
        Assert.Throws<ArgumentException>(() => encoder.AddSeries(1, [], []));
        Assert.Equal(1, encoder.SeriesCount);
    }
}
