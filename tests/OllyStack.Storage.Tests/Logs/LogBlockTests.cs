using System.Buffers;
using OllyStack.Core.Batches;
using OllyStack.Storage.Logs;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Tests.Logs;

public sealed class LogBlockTests
{
    private static LogRow[] Rows() =>
    [
        new(1_700_000_000_000_000_000, 1_700_000_000_000_001_000, 9, "Information", "user 17 logged in from 10.0.0.1", [new("http_method", "GET"), new("user_id", "17")], new TraceId(1, 2), new SpanId(3), 1),
        new(1_700_000_000_000_000_000, 0, 17, "Error", "user 18 logged in from 10.0.0.2", [], TraceId.Empty, SpanId.Empty, 0),
        new(1_700_000_000_500_000_000, 1_699_999_999_000_000_000, 0, "", "", [new("user_id", "18")], TraceId.Empty, new SpanId(ulong.MaxValue), 0),
        new(1_700_000_001_000_000_000, 1_700_000_001_000_000_000, 13, "Warning", "disk größe 93% ✓", [new("", "")], new TraceId(ulong.MaxValue, 0), SpanId.Empty, uint.MaxValue),
    ];

    private static byte[] Encode(LogRow[] rows)
    {
        using var encoder = new LogBlockEncoder();
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(rows, new TemplateMiner(), output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void EveryColumnComesBackExactly()
    {
        var rows = Rows();
        using var decoder = new LogBlockDecoder();

        var decoded = decoder.Decode(Encode(rows));

        Assert.Equal(rows.Length, decoded.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i] with { Attributes = [] }, decoded[i] with { Attributes = [] });
            Assert.Equal(rows[i].Attributes, decoded[i].Attributes);
        }
    }

    [Fact]
    public void TheFilterAtTheEndAnswersForTheBodies()
    {
        var filter = LogBlockDecoder.FilterOf(Encode(Rows()));

        Assert.True(TrigramBloom.MayContain(filter, "logged in"u8));
        Assert.False(TrigramBloom.MayContain(filter, "kernel panic"u8));
    }

    [Fact]
    public void ATruncatedBlockIsRefusedNotMisread()
    {
        var block = Encode(Rows());
        using var decoder = new LogBlockDecoder();

        for (var length = 0; length < block.Length; length++)
        {
            var cut = block[..length];
            Assert.ThrowsAny<Exception>(() => decoder.Decode(cut));
        }
    }
}
