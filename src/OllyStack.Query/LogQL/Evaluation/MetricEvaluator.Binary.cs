using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

internal sealed partial class MetricEvaluator
{
    /// <summary>
    /// Binary operators with Prometheus semantics, step by step. Vectors pair samples one-to-one by their labels (or
    /// the <c>on</c>/<c>ignoring</c> subset); a comparison without <c>bool</c> keeps the pairs for which it holds, with
    /// the vector's value; <c>and</c>, <c>or</c> and <c>unless</c> work on sets of label sets.
    /// </summary>
    private StepValues EvaluateBinary(BinaryOpExpr expr)
    {
        var left = Evaluate(expr.Left);
        var right = Evaluate(expr.Right);
        return (left, right) switch
        {
            (ScalarSteps l, ScalarSteps r) => new ScalarSteps(BinaryArithmetic.Apply(expr.Op, l.Value, r.Value)),
            (VectorSteps l, ScalarSteps r) => PerStep(l, samples => WithScalar(expr, samples, r.Value, scalarOnLeft: false)),
            (ScalarSteps l, VectorSteps r) => PerStep(r, samples => WithScalar(expr, samples, l.Value, scalarOnLeft: true)),
            _ => PerStep((VectorSteps)left, (VectorSteps)right, (l, r) => BetweenVectors(expr, l, r)),
        };
    }

    private static VectorSteps PerStep(VectorSteps steps, Func<List<Sample>, List<Sample>> apply) => new([.. steps.Steps.Select(apply)]);

    private static VectorSteps PerStep(VectorSteps left, VectorSteps right, Func<List<Sample>, List<Sample>, List<Sample>> apply) =>
        new([.. left.Steps.Zip(right.Steps, apply)]);

    private static List<Sample> WithScalar(BinaryOpExpr expr, List<Sample> samples, double scalar, bool scalarOnLeft)
    {
        var result = new List<Sample>(samples.Count);
        foreach (var sample in samples)
        {
            var value = scalarOnLeft ? BinaryArithmetic.Apply(expr.Op, scalar, sample.Value) : BinaryArithmetic.Apply(expr.Op, sample.Value, scalar);
            if (!expr.Op.IsComparison() || expr.ReturnBool) result.Add(sample with { Value = value });
            else if (value == 1) result.Add(sample);
        }
        return result;
    }

    private static List<Sample> BetweenVectors(BinaryOpExpr expr, List<Sample> left, List<Sample> right)
    {
        var names = new HashSet<string>(expr.Matching?.Labels ?? [], StringComparer.Ordinal);
        Labels Signature(Labels labels) => expr.Matching switch
        {
            null => labels,
            { On: true } => labels.Keep(names),
            _ => labels.Remove(names),
        };
        return expr.Op switch
        {
            BinaryOperator.And => SetOperation(left, right, Signature, keepMatched: true),
            BinaryOperator.Unless => SetOperation(left, right, Signature, keepMatched: false),
            BinaryOperator.Or => Union(left, right, Signature),
            _ => OneToOne(expr, left, right, Signature),
        };
    }

    private static List<Sample> SetOperation(List<Sample> left, List<Sample> right, Func<Labels, Labels> signature, bool keepMatched)
    {
        var rightSignatures = right.Select(s => signature(s.Labels)).ToHashSet();
        return [.. left.Where(s => rightSignatures.Contains(signature(s.Labels)) == keepMatched)];
    }

    private static List<Sample> Union(List<Sample> left, List<Sample> right, Func<Labels, Labels> signature)
    {
        var leftSignatures = left.Select(s => signature(s.Labels)).ToHashSet();
        return [.. left, .. right.Where(s => !leftSignatures.Contains(signature(s.Labels)))];
    }

    private static List<Sample> OneToOne(BinaryOpExpr expr, List<Sample> left, List<Sample> right, Func<Labels, Labels> signature)
    {
        var rightBySignature = new Dictionary<Labels, Sample>();
        foreach (var sample in right)
        {
            if (!rightBySignature.TryAdd(signature(sample.Labels), sample))
                throw new LogQLEvaluationException($"found duplicate series for the match group {signature(sample.Labels)} on the right hand-side of the operation: many-to-many matching not allowed: matching labels must be unique on one side");
        }
        var matchedLeft = new HashSet<Labels>();
        var result = new List<Sample>();
        foreach (var sample in left)
        {
            var key = signature(sample.Labels);
            if (!rightBySignature.TryGetValue(key, out var other)) continue;
            if (!matchedLeft.Add(key))
                throw new LogQLEvaluationException($"multiple matches for labels {key}: many-to-one matching must be explicit (group_left/group_right)");
            var value = BinaryArithmetic.Apply(expr.Op, sample.Value, other.Value);
            var labels = expr.Matching is { On: true } ? sample.Labels.Keep(expr.Matching.Labels) : expr.Matching is null ? sample.Labels : sample.Labels.Remove(expr.Matching.Labels);
            if (!expr.Op.IsComparison() || expr.ReturnBool) result.Add(new Sample(labels, value));
            else if (value == 1) result.Add(new Sample(labels, sample.Value));
        }
        return result;
    }
}
