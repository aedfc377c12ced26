using System.Text;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;
using static OllyStack.Ingest.Tests.LokiProtobuf;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// Once a batch's columns have grown to working size, decoding a Loki push allocates nothing at all, in protobuf and
/// in JSON: not per request, not per entry, not per label or metadata pair.
/// </summary>
public sealed class LokiPushAllocationTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void DecodingProtobufAllocatesNothing(int entries)
    {
        var request = Push(Stream("{job=\"api\", level=\"error\", path=\"C:\\\\logs\"}", [.. Enumerable.Range(0, entries).Select(i =>
            Entry(1_700_000_000_000_000_000 + i, $"line {i}", ("trace_id", "0af7651916cd43dd8448eb211c80319c"), ("user", $"u-{i % 7}")))]));

        Assert.Equal(0, Allocated(batch => LokiPushProtobufDecoder.Decode(request, batch, 1)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void DecodingJsonAllocatesNothing(int entries)
    {
        var values = string.Join(",", Enumerable.Range(0, entries).Select(i =>
            $$"""["{{1_700_000_000_000_000_000 + i}}", "line \"{{i}}\"", {"trace_id": "0af7651916cd43dd8448eb211c80319c", "user": "u-{{i % 7}}"}]"""));
        var json = Encoding.UTF8.GetBytes($$"""{"streams": [{"stream": {"job": "api", "path": "C:\\logs"}, "values": [{{values}}]}]}""");

        Assert.Equal(0, Allocated(batch => LokiPushJsonDecoder.Decode(json, batch, 1)));
    }

    private static long Allocated(Action<LogBatch> decode)
    {
        using var batch = new LogBatch();
        decode(batch);    // grows the pooled columns to their working size
        batch.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        decode(batch);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
