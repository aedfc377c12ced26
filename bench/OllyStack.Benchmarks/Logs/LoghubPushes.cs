using OllyStack.Benchmarks.Workloads;
using Snappier;

namespace OllyStack.Benchmarks.Logs;

/// <summary>
/// The 16 LogHub systems as a span of time of Loki pushes: each system's raw lines repeated <c>repeat</c> times and
/// spread evenly over the span (a system's lines keep their order; systems are a microsecond apart so none share a
/// timestamp), batched as a shipper does: one snappy protobuf request per <c>batch</c> of time with every stream's
/// lines of that time, oldest first.
/// </summary>
public static class LoghubPushes
{
    public static IEnumerable<(byte[] Body, int Lines)> Requests(IReadOnlyList<LoghubRawLog> logs, int repeat, long startUnixNano, TimeSpan span, TimeSpan batch)
    {
        var spanNano = span.Ticks * TimeSpan.NanosecondsPerTick;
        var next = new long[logs.Count];
        var batchNano = batch.Ticks * TimeSpan.NanosecondsPerTick;
        for (var windowEnd = startUnixNano + batchNano; Enumerable.Range(0, logs.Count).Any(s => next[s] < (long)logs[s].Lines.Count * repeat); windowEnd += batchNano)
        {
            var streams = new List<LokiPushStream>();
            for (var s = 0; s < logs.Count; s++)
            {
                var lines = logs[s].Lines;
                var total = (long)lines.Count * repeat;
                long Time(long k) => startUnixNano + k * spanNano / total + s * 1_000L;
                var entries = new List<(long, LoghubRawLine)>();
                for (; next[s] < total && Time(next[s]) < windowEnd; next[s]++) entries.Add((Time(next[s]), lines[(int)(next[s] % lines.Count)]));
                streams.AddRange(LoghubPushStreams.Of(logs[s].System, entries));
            }
            if (streams.Count > 0) yield return (Snappy.CompressToArray(LokiPushRequests.Protobuf(streams)), streams.Sum(st => st.Entries.Count));
        }
    }
}
