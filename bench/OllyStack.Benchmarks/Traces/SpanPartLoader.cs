using System.Diagnostics;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;
using OllyStack.Log;
using OllyStack.Storage.Traces;
using OllyStack.Storage.Traces.Parts;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// Stores OTLP export requests the way the server does, in one process and a temporary folder: each request decoded
/// into a span batch, serialized, appended to a write-ahead log (without fsync) and applied to the tenant's head by
/// the traces storage writer; then the head is flushed to one part, and only that flush is timed.
/// </summary>
public sealed class SpanPartLoader : IAsyncDisposable
{
    private const string Tenant = "bench";
    private readonly string _directory;
    private readonly WriteAheadLog _log;
    private readonly TracesStore _store;
    private readonly TracesStorageWriter _writer;
    private readonly SpanBatch _batch = new();

    private SpanPartLoader(string directory)
    {
        _directory = directory;
        _log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(directory, "wal"), Fsync = false });
        // Flushes happen only when this loader asks: never by time, never by size.
        _store = TracesStore.Open(new TracesStoreOptions { Directory = Path.Combine(directory, "traces"), FlushInterval = TimeSpan.FromDays(1), MaxHeadSpans = long.MaxValue });
        _writer = new TracesStorageWriter(_log, _store);
    }

    public static SpanPartLoader Create() => new(Directory.CreateTempSubdirectory("ollystack-tracestore-bench-").FullName);

    public TenantTraces Traces => _store.For(Tenant);

    /// <summary>Stores the requests as one part; returns it and how long the flush from head to part took.</summary>
    public async Task<(SpanPart Part, TimeSpan Flush)> StoreAsync(IReadOnlyList<ExportedRequest> requests)
    {
        var end = -1L;
        foreach (var request in requests)
        {
            _batch.Clear();
            _batch.Tenant = Tenant;
            var rejections = new RejectionTally();
            OtlpTracesProtobufDecoder.Decode(request.Protobuf, _batch, ref rejections);
            if (rejections.Message is { } problem) throw new InvalidOperationException($"the decoder rejected generated spans: {problem}");
            end = await _log.AppendAsync(LogTopics.Traces, BatchCodec.ToArray(_batch));
        }
        await _writer.WaitUntilAppliedAsync(end + 1, CancellationToken.None);
        // Everything is applied and no flush is due, so the writer is idle: this thread stands in for it, as the
        // store's single-writer contract requires, and its flush is timed without the decoding and applying before it.
        var clock = Stopwatch.StartNew();
        _store.Flush(end + 1);
        var elapsed = clock.Elapsed;
        return (Traces.Parts[^1], elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _log.DisposeAsync();
        _store.Dispose();
        _batch.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
