using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// An instant-vector-valued node. The list it returns is its own, reused: valid until its next evaluation, which
/// spares the stream an allocation per rule per batch.
/// </summary>
internal abstract class VectorNode : IncrementalExpr
{
    public abstract List<Sample> Evaluate(long timeMs);
}
