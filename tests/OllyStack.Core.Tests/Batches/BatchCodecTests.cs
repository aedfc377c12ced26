using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Core.Tests.Batches;

public sealed class BatchCodecTests
{
    private static void AssertSameColumns(TelemetryBatch expected, TelemetryBatch actual)
    {
        Assert.Equal(expected.Tenant, actual.Tenant);
        Assert.Equal(expected.RecordCount, actual.RecordCount);
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (var i = 0; i < expected.Columns.Count; i++)
        {
            Assert.True(expected.Columns[i].Count > 0, $"column {i} of the sample {expected.Signal} batch is empty");
            Assert.Equal(expected.Columns[i].Count, actual.Columns[i].Count);
            Assert.True(expected.Columns[i].AsBytes().SequenceEqual(actual.Columns[i].AsBytes()), $"column {i} differs after the round trip");
        }
    }

    [Fact]
    public void MetricBatchSurvivesARoundTrip()
    {
        using var original = SampleBatches.Metrics();
        var bytes = BatchCodec.ToArray(original);
        using var copy = new MetricBatch();

        BatchCodec.Read(bytes, copy);

        AssertSameColumns(original, copy);
        Assert.Equal(bytes.Length, BatchCodec.GetSize(original));
        Assert.Equal(Signal.Metrics, BatchCodec.ReadSignal(bytes));
        Assert.Equal(["__name__", "instance", "job"], copy.LabelsOf(2).ToArray().Select(l => copy.GetString(l.Name)));
        Assert.Equal(0x7ff0000000000002UL, BitConverter.DoubleToUInt64Bits(copy.SampleValues[2]));
        Assert.Equal(SeriesFlags.Delta, copy.Series[0].Flags);
    }

    [Fact]
    public void LogBatchSurvivesARoundTrip()
    {
        using var original = SampleBatches.Logs();
        var bytes = BatchCodec.ToArray(original);
        using var copy = new LogBatch();

        BatchCodec.Read(bytes, copy);

        AssertSameColumns(original, copy);
        Assert.Equal(Signal.Logs, BatchCodec.ReadSignal(bytes));
        Assert.Equal("payment 1 declined", copy.GetString(copy.Body[1].Text));
        Assert.Equal("{\"a\":[1,2]}", copy.GetString(copy.Body[2].Text));
        Assert.Equal("5b8efff798038103d269b633813fc60d", copy.TraceIds[1].ToString());
        Assert.Equal(9.99 * 2, copy.AttributesOf(copy.RecordAttributes[1])[1].Value.AsDouble);
    }

    [Fact]
    public void SpanBatchSurvivesARoundTrip()
    {
        using var original = SampleBatches.Spans();
        var bytes = BatchCodec.ToArray(original);
        using var copy = new SpanBatch();

        BatchCodec.Read(bytes, copy);

        AssertSameColumns(original, copy);
        Assert.Equal(Signal.Traces, BatchCodec.ReadSignal(bytes));
        var events = copy.EventRange[1];
        Assert.Equal("retry", copy.GetString(copy.Events[events.Start + 1].Name));
        var link = copy.Links[copy.LinkRange[1].Start];
        Assert.Equal("follows", copy.GetString(copy.AttributesOf(link.Attributes)[0].Value.Text));
    }

    [Fact]
    public void ReadingReplacesWhateverTheBatchHeldBefore()
    {
        using var first = SampleBatches.Logs("first");
        using var second = SampleBatches.Logs("second");
        second.Attributes.Truncate(2);
        using var target = new LogBatch();

        BatchCodec.Read(BatchCodec.ToArray(first), target);
        BatchCodec.Read(BatchCodec.ToArray(second), target);

        Assert.Equal("second", target.Tenant);
        Assert.Equal(2, target.Attributes.Count);
    }

    [Fact]
    public void StringsInternedAfterAReadDoNotAliasStoredOnes()
    {
        using var original = SampleBatches.Metrics();
        using var copy = new MetricBatch();
        copy.Strings.Intern("stale-entry"u8);

        BatchCodec.Read(BatchCodec.ToArray(original), copy);
        var added = copy.Strings.Intern("stale-entry"u8);

        Assert.Equal("stale-entry", copy.GetString(added));
        Assert.Equal(original.Strings.Count, added.Offset);
    }

    [Fact]
    public void EmptyBatchOfEachSignalSurvivesARoundTrip()
    {
        TelemetryBatch[] batches = [new MetricBatch { Tenant = "t" }, new LogBatch { Tenant = "t" }, new SpanBatch { Tenant = "t" }];
        foreach (var batch in batches)
        {
            var bytes = BatchCodec.ToArray(batch);
            Assert.Equal(10 + 1 + 8 * batch.Columns.Count, bytes.Length);
            var copy = batch switch { MetricBatch => (TelemetryBatch)new MetricBatch(), LogBatch => new LogBatch(), _ => new SpanBatch() };
            BatchCodec.Read(bytes, copy);
            Assert.Equal("t", copy.Tenant);
            Assert.Equal(0, copy.RecordCount);
        }
    }

    [Fact]
    public void ColumnListsHaveTheDocumentedLengths()
    {
        Assert.Equal(7, new MetricBatch().Columns.Count);
        Assert.Equal(17, new LogBatch().Columns.Count);
        Assert.Equal(25, new SpanBatch().Columns.Count);
    }

    [Fact]
    public void ElementTypesHaveTheDocumentedSizes()
    {
        Assert.Equal(8, Unsafe.SizeOf<Utf8Ref>());
        Assert.Equal(17, Unsafe.SizeOf<AnyValue>());
        Assert.Equal(25, Unsafe.SizeOf<KeyValueRef>());
        Assert.Equal(8, Unsafe.SizeOf<AttributeRange>());
        Assert.Equal(8, Unsafe.SizeOf<ItemRange>());
        Assert.Equal(20, Unsafe.SizeOf<ResourceRef>());
        Assert.Equal(36, Unsafe.SizeOf<ScopeRef>());
        Assert.Equal(16, Unsafe.SizeOf<TraceId>());
        Assert.Equal(8, Unsafe.SizeOf<SpanId>());
        Assert.Equal(16, Unsafe.SizeOf<LabelRef>());
        Assert.Equal(10, Unsafe.SizeOf<SeriesRef>());
        Assert.Equal(25, Unsafe.SizeOf<MetricMetadataRef>());
        Assert.Equal(28, Unsafe.SizeOf<SpanEventRef>());
        Assert.Equal(48, Unsafe.SizeOf<SpanLinkRef>());
    }

    [Fact]
    public void HeaderHasTheDocumentedLayout()
    {
        using var batch = SampleBatches.Spans("tenant-7");

        var bytes = BatchCodec.ToArray(batch);

        Assert.Equal("OSBT"u8.ToArray(), bytes[..4]);
        Assert.Equal(BatchCodec.Version, bytes[4]);
        Assert.Equal((byte)Signal.Traces, bytes[5]);
        Assert.Equal(25, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.Equal("tenant-7"u8.ToArray(), bytes[10..18]);
        Assert.Equal(batch.Strings.Count, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)));
        Assert.Equal(batch.Strings.Count, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22)));
    }

    [Fact]
    public void WrongMagicIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Metrics());
        bytes[0] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new MetricBatch()));
        Assert.Contains("magic", error.Message);
        Assert.Throws<InvalidDataException>(() => BatchCodec.ReadSignal(bytes));
    }

    [Fact]
    public void UnknownVersionIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Logs());
        bytes[4] = BatchCodec.Version + 1;

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new LogBatch()));
        Assert.Contains($"version {BatchCodec.Version + 1}", error.Message);
    }

    [Fact]
    public void WrongColumnCountIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Spans());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 24);

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new SpanBatch()));
        Assert.Contains("24 columns, expected 25", error.Message);
    }

    [Fact]
    public void BatchOfAnotherSignalIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Metrics());

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new LogBatch()));
        Assert.Contains("expected Logs", error.Message);
    }

    [Fact]
    public void TruncatedInputIsRefusedAtEveryLength()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Metrics());
        using var target = new MetricBatch();

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Record.Exception(() => BatchCodec.Read(bytes.AsSpan(0, length), target));
            Assert.True(error is InvalidDataException, $"a batch cut to {length} of {bytes.Length} bytes gave {error?.GetType().Name ?? "no error"}");
        }
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Spans());

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read([.. bytes, 0], new SpanBatch()));
        Assert.Contains("1 trailing bytes", error.Message);
    }

    [Fact]
    public void ColumnLengthDisagreeingWithItsCountIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Metrics());
        var stringsColumn = 10 + "acme".Length;
        var seriesColumn = stringsColumn + 8 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(stringsColumn + 4));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(seriesColumn), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(seriesColumn)) + 1);

        var error = Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new MetricBatch()));
        Assert.Contains("SeriesRef", error.Message);
    }

    [Fact]
    public void NegativeColumnLengthIsRefused()
    {
        var bytes = BatchCodec.ToArray(SampleBatches.Metrics());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10 + "acme".Length + 4), -1);

        Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new MetricBatch()));
    }

    [Fact]
    public void ColumnCountWhoseByteSizeOverflowsIsRefused()
    {
        // An empty metric batch: every column header reads (0, 0). SampleTimestamps is the fifth column, of longs;
        // 0x20000000 x 8 bytes is 0 in 32-bit arithmetic, so only a check in 64 bits catches it.
        var bytes = BatchCodec.ToArray(new MetricBatch { Tenant = "t" });
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10 + 1 + 4 * 8), 0x2000_0000);

        Assert.Throws<InvalidDataException>(() => BatchCodec.Read(bytes, new MetricBatch()));
    }
}
