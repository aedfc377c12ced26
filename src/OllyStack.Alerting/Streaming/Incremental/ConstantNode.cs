namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>A number literal.</summary>
internal sealed class ConstantNode(double value) : ScalarNode
{
    public override double Evaluate(long timeMs) => value;
}
