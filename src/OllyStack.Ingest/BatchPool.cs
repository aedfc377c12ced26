using Microsoft.Extensions.ObjectPool;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Ingest;

/// <summary>
/// Pools of batches per signal, so each request reuses columns that have already grown to working size.
/// Batches that grew unusually large are released instead of kept, so one huge request does not pin memory.
/// </summary>
internal static class BatchPool
{
    private const int MaxRetainedHeapBytes = 8 * 1024 * 1024;
    private static readonly int Retained = Environment.ProcessorCount * 4;
    private static readonly ObjectPool<MetricBatch> Metrics = new DefaultObjectPool<MetricBatch>(new Policy<MetricBatch>(), Retained);
    private static readonly ObjectPool<LogBatch> Logs = new DefaultObjectPool<LogBatch>(new Policy<LogBatch>(), Retained);
    private static readonly ObjectPool<SpanBatch> Spans = new DefaultObjectPool<SpanBatch>(new Policy<SpanBatch>(), Retained);

    public static TelemetryBatch Rent(Signal signal) => signal switch
    {
        Signal.Metrics => Metrics.Get(),
        Signal.Logs => Logs.Get(),
        _ => Spans.Get(),
    };

    public static void Return(TelemetryBatch batch)
    {
        switch (batch)
        {
            case MetricBatch m: Metrics.Return(m); break;
            case LogBatch l: Logs.Return(l); break;
            case SpanBatch s: Spans.Return(s); break;
        }
    }

    private sealed class Policy<T> : PooledObjectPolicy<T> where T : TelemetryBatch, new()
    {
        public override T Create() => new();

        public override bool Return(T batch)
        {
            if (batch.Strings.Count > MaxRetainedHeapBytes)
            {
                batch.Dispose();
                return false;
            }
            batch.Clear();
            return true;
        }
    }
}
