using System.Buffers;
using OllyStack.Core.Traces;

namespace OllyStack.Pipeline.Sampling;

/// <summary>
/// A tenant's trace sampling: a trace is kept when the random part of its id (the low 56 bits, as W3C Trace Context
/// level 2 and OpenTelemetry's ratio sampler read it) falls below the rate. The decision depends on the trace id only,
/// so every span of a trace is kept or dropped together, on every node, in every batch.
/// </summary>
public static class TraceSampler
{
    private const ulong RandomBits = (1UL << 56) - 1;

    /// <summary>Drops the spans of traces outside <paramref name="rate"/>; the number of spans dropped.</summary>
    public static int Apply(SpanBatch spans, double rate)
    {
        if (rate >= 1) return 0;
        var count = spans.RecordCount;
        var threshold = Threshold(rate);
        var keep = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            var ids = spans.TraceIds.Span;
            var kept = 0;
            for (var i = 0; i < count; i++)
            {
                keep[i] = (ids[i].Low & RandomBits) < threshold;
                if (keep[i]) kept++;
            }
            if (kept < count) spans.RetainSpans(keep.AsSpan(0, count));
            return count - kept;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(keep);
        }
    }

    private static ulong Threshold(double rate) => rate >= 1 ? ulong.MaxValue : (ulong)(rate * (RandomBits + 1.0));
}
