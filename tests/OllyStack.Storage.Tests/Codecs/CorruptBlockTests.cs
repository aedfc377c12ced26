using OllyStack.Core.Durability;
using System.Buffers.Binary;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

/// <summary>
/// Whatever bytes a decoder is handed, it returns the samples of a valid block or throws InvalidDataException: never
/// another exception, never a hang. The checksum catches accidental damage; blocks whose checksum was recomputed
/// after the damage reach the inner decoders and show that they check every length, count and position themselves.
/// </summary>
public sealed class CorruptBlockTests
{
    private static readonly (string Name, byte[] Block)[] Blocks = BuildBlocks();

    public static TheoryData<string> BlockNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Blocks) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(BlockNames))]
    public void EveryTruncationIsRejected(string name)
    {
        var block = Find(name);
        for (var length = 0; length < block.Length; length++) AssertRejected(block[..length]);
    }

    [Theory]
    [MemberData(nameof(BlockNames))]
    public void EveryFlippedBitIsRejected(string name)
    {
        var block = Find(name);
        var step = Math.Max(1, block.Length * 8 / 4000);
        for (var bit = 0; bit < block.Length * 8; bit += step)
        {
            var damaged = (byte[])block.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            AssertRejected(damaged);
        }
    }

    [Fact]
    public void RandomBytesAreRejected()
    {
        var random = new Random(1);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0) bytes[0] = (byte)(SampleBlockFormat.Version << 4 | random.Next(3));
            AssertRejected(bytes);
        }
    }

    [Theory]
    [MemberData(nameof(BlockNames))]
    public void DamageBehindAValidChecksumIsRejectedOrDecodesWithoutCrashing(string name)
    {
        var block = Find(name);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])block.Clone();
            for (var changes = 1 + random.Next(3); changes > 0; changes--)
            {
                var at = random.Next(damaged.Length - SampleBlockFormat.ChecksumLength);
                damaged[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(damaged[at] ^ 1 << random.Next(8));
            }
            if (random.Next(4) == 0) damaged = Truncate(damaged, random.Next(damaged.Length));
            DecodeIfValidOrReject(WithRecomputedChecksum(damaged));
        }
    }

    [Fact]
    public void RandomBodiesBehindValidHeadersAndChecksumsAreRejectedOrDecodeWithoutCrashing()
    {
        var random = new Random(2);
        for (var i = 0; i < 30_000; i++)
        {
            var compression = (BlockCompression)random.Next(3);
            var header = new SampleBlockHeader(compression, (TimestampEncoding)random.Next(4), (ValueEncoding)random.Next(5),
                random.Next(3) == 0 ? random.Next(1, 4) : random.Next(1, 2000), 0, 0, 0);
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            header = header with { StoredBodyLength = body.Length, BodyLength = compression == BlockCompression.None ? body.Length : random.Next(0, 4000) };

            var block = new byte[SampleBlockFormat.MaxHeaderLength + body.Length + SampleBlockFormat.ChecksumLength];
            var length = header.Write(block);
            body.CopyTo(block, length);
            length += body.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(length), Crc32C.Compute(block.AsSpan(0, length)));
            DecodeIfValidOrReject(block[..(length + SampleBlockFormat.ChecksumLength)]);
        }
    }

    [Fact]
    public void UnknownVersionIsRejectedNamingTheVersion()
    {
        var block = (byte[])Blocks[0].Block.Clone();
        block[0] = (byte)(2 << 4 | block[0] & 0x0F);

        var error = Assert.Throws<InvalidDataException>(() => BlockRoundTrip.Decode(block));
        Assert.Contains("version 2", error.Message);
    }

    [Fact]
    public void DestinationsShorterThanTheBlockAreAnArgumentError()
    {
        var block = Blocks[0].Block;
        var count = SampleBlockHeader.Read(block).SampleCount;
        using var decoder = new SampleBlockDecoder();

        Assert.Throws<ArgumentException>(() => decoder.Decode(block, new long[count - 1], new double[count], out _));
        Assert.Throws<ArgumentException>(() => decoder.Decode(block, new long[count], new double[count - 1], out _));
    }

    private static byte[] Find(string name) => Blocks.Single(b => b.Name == name).Block;

    private static (string, byte[])[] BuildBlocks()
    {
        var blocks = new List<(string, byte[])>();
        foreach (var compression in Enum.GetValues<BlockCompression>())
        {
            void Add(string name, long[] timestamps, double[] values) =>
                blocks.Add(($"{name}/{compression}", BlockRoundTrip.Encode(timestamps, values, compression)));

            Add("constant", SeriesShapes.RegularTimestamps(300), SeriesShapes.Constant(300, 7));
            Add("counter", SeriesShapes.JitteredTimestamps(600, 1), SeriesShapes.CpuSecondsCounter(600, 1));
            Add("gauge-with-specials", SeriesShapes.IrregularTimestamps(500, 2), Shapes.Values["specials-sprinkled"](500, 2));
            Add("floats", SeriesShapes.RegularTimestamps(400), SeriesShapes.DriftingTinyFloats(400, 3));
            Add("raw", Shapes.Timestamps["extreme"](50, 4), SeriesShapes.RandomBits(50, 4));
            Add("repetitive", SeriesShapes.RegularTimestamps(2000), Enumerable.Range(0, 2000).Select(i => (double)(i % 7)).ToArray());
            Add("single", [SeriesShapes.Start], [1.5]);
        }
        return blocks.ToArray();
    }

    private static void AssertRejected(byte[] bytes)
    {
        var error = Record.Exception(() => Decode(bytes));
        Assert.True(error is InvalidDataException, $"{bytes.Length} bytes: expected InvalidDataException, got {error?.GetType().Name ?? "a decoded block"}: {error}");
    }

    private static void DecodeIfValidOrReject(byte[] bytes)
    {
        var error = Record.Exception(() => Decode(bytes));
        Assert.True(error is null or InvalidDataException, $"expected InvalidDataException or a decoded block, got {error}");
    }

    // Tests of one class run one at a time, so they can share a decoder and its destinations.
    private static readonly SampleBlockDecoder Decoder = new();
    private static readonly long[] Timestamps = new long[SampleBlockFormat.MaxSampleCount];
    private static readonly double[] Values = new double[SampleBlockFormat.MaxSampleCount];

    private static void Decode(byte[] bytes) => Decoder.Decode(bytes, Timestamps, Values, out _);

    private static byte[] Truncate(byte[] block, int length) => block[..Math.Max(length, SampleBlockFormat.ChecksumLength)];

    /// <summary>Rewrites the checksum where the (possibly damaged) header says the block ends; leaves unreadable headers alone.</summary>
    private static byte[] WithRecomputedChecksum(byte[] block)
    {
        try
        {
            var end = SampleBlockHeader.Read(block).BlockLength - SampleBlockFormat.ChecksumLength;
            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(end), Crc32C.Compute(block.AsSpan(0, end)));
        }
        catch (InvalidDataException)
        {
        }
        return block;
    }
}
