using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using OllyStack.Benchmarks.Workloads;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Prometheus;
using Snappier;

namespace OllyStack.Benchmarks.Decode;

/// <summary>
/// The receiver's CPU path per record, without the network: decompress (remote write), decode into a pooled
/// struct-of-arrays batch, and serialize the batch into the bytes the log stores. Batches and buffers are reused
/// as the server reuses them, so "Allocated" is the per-record allocation of the decode path (target: 0 B).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Samples = 2000;
    private const int Records = 1000;
    private readonly MetricBatch _metrics = new();
    private readonly LogBatch _logs = new();
    private readonly SpanBatch _spans = new();
    private byte[] _remoteWriteSnappy = [];
    private byte[] _remoteWrite = [];
    private byte[] _otlpMetrics = [];
    private byte[] _otlpLogs = [];
    private byte[] _otlpSpans = [];
    private byte[] _scratch = new byte[64 * 1024 * 1024];

    [GlobalSetup]
    public void Setup()
    {
        var now = 1_700_000_000_000L;
        _remoteWrite = PrometheusStyleSeries.Request(0, Samples, now).ToByteArray();
        _remoteWriteSnappy = Snappy.CompressToArray(_remoteWrite);
        _otlpMetrics = OtlpRequests.Metrics(Samples, now * 1_000_000).ToByteArray();
        _otlpLogs = OtlpRequests.Logs(Records, now * 1_000_000).ToByteArray();
        _otlpSpans = OtlpRequests.Spans(Records, now * 1_000_000).ToByteArray();
        Console.WriteLine($"// raw bytes per record: remote write {_remoteWrite.Length / (double)Samples:F0} (snappy {_remoteWriteSnappy.Length / (double)Samples:F0}), " +
                          $"OTLP metrics {_otlpMetrics.Length / (double)Samples:F0}, logs {_otlpLogs.Length / (double)Records:F0}, spans {_otlpSpans.Length / (double)Records:F0}");
        Console.WriteLine($"// logged bytes per record: remote write {RemoteWriteSnappyDecodeSerialize() / (double)Samples:F0}, OTLP metrics {OtlpMetricsDecodeSerialize() / (double)Samples:F0}, " +
                          $"logs {OtlpLogsDecodeSerialize() / (double)Records:F0}, spans {OtlpSpansDecodeSerialize() / (double)Records:F0}");
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public int RemoteWriteSnappyDecodeSerialize()
    {
        var length = Snappy.Decompress(_remoteWriteSnappy, _scratch);
        _metrics.Clear();
        RemoteWriteDecoder.Decode(_scratch.AsSpan(0, length), _metrics);
        return BatchCodec.Write(_metrics, _scratch.AsSpan(length));
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public int RemoteWriteDecode()
    {
        _metrics.Clear();
        RemoteWriteDecoder.Decode(_remoteWrite, _metrics);
        return _metrics.RecordCount;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public int OtlpMetricsDecodeSerialize()
    {
        _metrics.Clear();
        var tally = new RejectionTally();
        OtlpMetricsProtobufDecoder.Decode(_otlpMetrics, _metrics, ref tally);
        return BatchCodec.Write(_metrics, _scratch);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int OtlpLogsDecodeSerialize()
    {
        _logs.Clear();
        var tally = new RejectionTally();
        OtlpLogsProtobufDecoder.Decode(_otlpLogs, _logs, ref tally);
        return BatchCodec.Write(_logs, _scratch);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int OtlpSpansDecodeSerialize()
    {
        _spans.Clear();
        var tally = new RejectionTally();
        OtlpTracesProtobufDecoder.Decode(_otlpSpans, _spans, ref tally);
        return BatchCodec.Write(_spans, _scratch);
    }
}
