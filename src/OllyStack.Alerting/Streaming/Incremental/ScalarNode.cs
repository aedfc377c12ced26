namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>A scalar-valued node.</summary>
internal abstract class ScalarNode : IncrementalExpr
{
    public abstract double Evaluate(long timeMs);
}
