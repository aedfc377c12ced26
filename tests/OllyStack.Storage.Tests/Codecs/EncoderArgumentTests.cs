using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class EncoderArgumentTests
{
    private readonly SampleBlockEncoder encoder = new();

    [Fact]
    public void TimestampsAndValuesOfDifferentLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => encoder.Encode(new long[3], new double[2], new byte[1000]));
    }

    [Fact]
    public void EmptyAndOversizedBlocksAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([], [], new byte[1000]));
        var tooMany = SampleBlockFormat.MaxSampleCount + 1;
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(new long[tooMany], new double[tooMany], new byte[100]));
    }

    [Fact]
    public void ADestinationSmallerThanTheWorstCaseIsRejectedBeforeAnythingIsWritten()
    {
        var destination = new byte[SampleBlockFormat.MaxEncodedLength(10) - 1];

        Assert.Throws<ArgumentException>(() => encoder.Encode(new long[10], new double[10], destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void BufferWriterReceivesExactlyTheBlock()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        var length = encoder.Encode(SeriesShapes.RegularTimestamps(100), SeriesShapes.NoisyGauge(100, 1), writer);

        Assert.Equal(length, writer.WrittenCount);
        Assert.Equal(length, SampleBlockHeader.Read(writer.WrittenSpan).BlockLength);
    }
}
