using BenchmarkDotNet.Attributes;
using OllyStack.Core.Durability;
using OllyStack.Log;

namespace OllyStack.Benchmarks;

/// <summary>
/// Durable appends (fsync on) to one topic of the write-ahead log in a temporary directory. Each invocation makes
/// <see cref="AppendsPerInvocation"/> appends split over <see cref="Appenders"/> concurrent appenders, so the figures are
/// per append: with 64 appenders many appends share one fsync (group commit). Allocated bytes per append should stay
/// near zero: payloads go into pooled staging buffers and appends complete through pooled value-task sources.
/// </summary>
[MemoryDiagnoser]
public class WalAppendBenchmarks
{
    private const int AppendsPerInvocation = 256;
    private const string Topic = LogTopics.Metrics;

    /// <summary>Appended bytes after which the benchmark commits, letting retention delete sealed segments.</summary>
    private const long BytesBetweenCommits = 256L * 1024 * 1024;

    private string directory = "";
    private WriteAheadLog log = null!;
    private ILogConsumer retention = null!;
    private byte[] record = [];
    private Task[] appenders = [];
    private long committed;

    [Params(256, 64 * 1024)]
    public int RecordBytes { get; set; }

    [Params(1, 64)]
    public int Appenders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "ollystack-bench-wal", Guid.NewGuid().ToString("N"));
        log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = directory, Fsync = true });
        retention = log.OpenConsumer(Topic, "bench");
        record = new byte[RecordBytes];
        Random.Shared.NextBytes(record);
        appenders = new Task[Appenders];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        retention.DisposeAsync().AsTask().GetAwaiter().GetResult();
        log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// Also commits a consumer group every <see cref="BytesBetweenCommits"/> so disk use stays bounded (an
    /// IterationCleanup would force one invocation per iteration, too short to measure); amortized, that costs a few
    /// fsyncs per hundreds of thousands of appends.
    /// </summary>
    [Benchmark(OperationsPerInvoke = AppendsPerInvocation)]
    public async Task Append()
    {
        var appendsEach = AppendsPerInvocation / Appenders;
        for (var i = 0; i < appenders.Length; i++) appenders[i] = AppendManyAsync(appendsEach);
        await Task.WhenAll(appenders);
        var end = log.GetEndOffset(Topic);
        if ((end - committed) * RecordBytes < BytesBetweenCommits) return;
        await retention.CommitAsync(end);
        committed = end;
    }

    private async Task AppendManyAsync(int count)
    {
        for (var i = 0; i < count; i++) await log.AppendAsync(Topic, record);
    }
}
