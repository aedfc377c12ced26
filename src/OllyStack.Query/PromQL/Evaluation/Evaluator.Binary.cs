namespace OllyStack.Query.PromQL.Evaluation;

// Binary operators: scalar/scalar, vector/scalar, and vector/vector with label matching and the set operators.
internal sealed partial class Evaluator
{
    private QueryValue EvaluateBinary(BinaryExpr binary, long timeMs)
    {
        var lhs = Evaluate(binary.Lhs, timeMs);
        var rhs = Evaluate(binary.Rhs, timeMs);
        return (lhs, rhs) switch
        {
            (ScalarValue l, ScalarValue r) => new ScalarValue(timeMs, BinaryArithmetic.Apply(binary.Op, l.Value, r.Value)),
            (VectorValue l, ScalarValue r) => Checked(VectorScalar(binary, l, r.Value, scalarOnLeft: false)),
            (ScalarValue l, VectorValue r) => Checked(VectorScalar(binary, r, l.Value, scalarOnLeft: true)),
            (VectorValue l, VectorValue r) => binary.Op.IsSetOperator()
                ? SetOperation(binary, l, r)
                : VectorVector(binary, l, r),
            _ => throw new PromQLEvaluationException(
                $"binary expression must contain only scalar and instant vector types, got {lhs.Type.Describe()} and {rhs.Type.Describe()}"),
        };
    }

    private static VectorValue VectorScalar(BinaryExpr binary, VectorValue vector, double scalar, bool scalarOnLeft)
    {
        var dropName = BinaryArithmetic.DropsMetricName(binary.Op, binary.ReturnBool);
        var result = new List<Sample>(vector.Samples.Count);
        foreach (var sample in vector.Samples)
        {
            var value = scalarOnLeft
                ? BinaryArithmetic.Apply(binary.Op, scalar, sample.Value)
                : BinaryArithmetic.Apply(binary.Op, sample.Value, scalar);
            var labels = dropName ? sample.Labels.WithoutMetricName() : sample.Labels;
            if (binary.Op.IsComparison() && !binary.ReturnBool)
            {
                // A filtering comparison keeps the vector's own value, whichever side the scalar is on.
                if (value == 1) result.Add(new Sample(labels, sample.Value));
            }
            else
            {
                result.Add(new Sample(labels, value));
            }
        }
        return new VectorValue(vector.TimestampMs, result);
    }

    private static VectorValue SetOperation(BinaryExpr binary, VectorValue lhs, VectorValue rhs)
    {
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        var rhsSignatures = rhs.Samples.Select(s => VectorLabels.MatchSignature(s.Labels, matching)).ToHashSet();
        var result = binary.Op switch
        {
            BinaryOp.And => lhs.Samples.Where(s => rhsSignatures.Contains(VectorLabels.MatchSignature(s.Labels, matching))).ToList(),
            BinaryOp.Unless => lhs.Samples.Where(s => !rhsSignatures.Contains(VectorLabels.MatchSignature(s.Labels, matching))).ToList(),
            _ => Or(),
        };
        return new VectorValue(lhs.TimestampMs, result);

        List<Sample> Or()
        {
            var lhsSignatures = lhs.Samples.Select(s => VectorLabels.MatchSignature(s.Labels, matching)).ToHashSet();
            return [.. lhs.Samples, .. rhs.Samples.Where(s => !lhsSignatures.Contains(VectorLabels.MatchSignature(s.Labels, matching)))];
        }
    }

    private static VectorValue VectorVector(BinaryExpr binary, VectorValue lhs, VectorValue rhs)
    {
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        var oneSideIsLeft = matching.Cardinality == MatchingCardinality.OneToMany;
        var (many, one) = oneSideIsLeft ? (rhs, lhs) : (lhs, rhs);

        var oneBySignature = new Dictionary<Labels, Sample>();
        foreach (var sample in one.Samples)
        {
            var signature = VectorLabels.MatchSignature(sample.Labels, matching);
            if (oneBySignature.TryGetValue(signature, out var duplicate))
            {
                var side = oneSideIsLeft ? "left" : "right";
                throw new PromQLEvaluationException(
                    $"found duplicate series for the match group {signature} on the {side} hand-side of the operation: " +
                    $"[{sample.Labels}, {duplicate.Labels}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            oneBySignature[signature] = sample;
        }

        var dropName = BinaryArithmetic.DropsMetricName(binary.Op, binary.ReturnBool);
        var matchedSignatures = new HashSet<Labels>();
        var outputLabels = new HashSet<Labels>();
        var result = new List<Sample>();
        foreach (var manySample in many.Samples)
        {
            var signature = VectorLabels.MatchSignature(manySample.Labels, matching);
            if (!oneBySignature.TryGetValue(signature, out var oneSample)) continue;
            var (left, right) = oneSideIsLeft ? (oneSample, manySample) : (manySample, oneSample);

            var value = BinaryArithmetic.Apply(binary.Op, left.Value, right.Value);
            if (binary.Op.IsComparison() && !binary.ReturnBool)
            {
                if (value != 1) continue;
                value = left.Value;
            }

            var labels = VectorLabels.ResultLabels(manySample.Labels, oneSample.Labels, matching, dropName);
            if (matching.Cardinality == MatchingCardinality.OneToOne)
            {
                if (!matchedSignatures.Add(signature))
                    throw new PromQLEvaluationException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
            else if (!outputLabels.Add(labels))
            {
                throw new PromQLEvaluationException("multiple matches for labels: grouping labels must ensure unique matches");
            }
            result.Add(new Sample(labels, value));
        }
        return Checked(new VectorValue(lhs.TimestampMs, result));
    }
}
