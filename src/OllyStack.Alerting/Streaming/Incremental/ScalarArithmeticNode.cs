using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary><c>scalar op scalar</c> (a comparison needs <c>bool</c> and gives 1 or 0).</summary>
internal sealed class ScalarArithmeticNode(BinaryOp op, ScalarNode lhs, ScalarNode rhs) : ScalarNode
{
    public override double Evaluate(long timeMs) => BinaryArithmetic.Apply(op, lhs.Evaluate(timeMs), rhs.Evaluate(timeMs));
}
