using Google.Protobuf;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// Builds one trace's spans at a time: random 16-byte trace ids and 8-byte span ids from the run's seeded generator,
/// times in Unix nanoseconds, each span kept with the instance and scope that report it. A span's end time is set by
/// its caller once its work is laid out.
/// </summary>
public sealed class TraceRecorder(Random random)
{
    // W3C sampled, plus OTLP's "parent is remote" known (0x100) and set (0x200) bits as current SDKs send them.
    private const uint LocalParentFlags = 0x101;
    private const uint RemoteParentFlags = 0x301;
    private readonly List<RecordedSpan> _spans = [];
    private ByteString _traceIdBytes = ByteString.Empty;

    public TraceId TraceId { get; private set; }

    public IReadOnlyList<RecordedSpan> Spans => _spans;

    public void Begin()
    {
        Span<byte> id = stackalloc byte[TraceId.Length];
        random.NextBytes(id);
        TraceId = TraceId.Read(id);
        _traceIdBytes = ByteString.CopyFrom(id);
        _spans.Clear();
    }

    /// <param name="remoteParent">Whether the parent is in another process (the first span of a service in a call).</param>
    public Span Start(ServiceInstance instance, InstrumentationScope scope, string name, Span.Types.SpanKind kind, Span? parent, bool remoteParent, long startUnixNano)
    {
        Span<byte> id = stackalloc byte[SpanId.Length];
        random.NextBytes(id);
        var span = new Span
        {
            TraceId = _traceIdBytes,
            SpanId = ByteString.CopyFrom(id),
            ParentSpanId = parent?.SpanId ?? ByteString.Empty,
            Name = name,
            Kind = kind,
            StartTimeUnixNano = (ulong)startUnixNano,
            Flags = remoteParent ? RemoteParentFlags : LocalParentFlags,
        };
        _spans.Add(new RecordedSpan(instance, scope, span));
        return span;
    }

    /// <summary>A duration around <paramref name="medianMicros"/>, log-normally spread as service latencies are.</summary>
    public long Duration(double medianMicros, double sigma = 0.5)
    {
        // Box-Muller: one standard normal from two uniforms.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(1_000, (long)(medianMicros * 1_000 * Math.Exp(sigma * normal)));
    }
}
