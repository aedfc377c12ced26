namespace OllyStack.Query.PromQL.Evaluation;

// Grid blocks of binary operators: each row's match signature and each matched pair's output labels found once per
// block; the pairing itself is decided step by step, since which series are present may change from step to step.
internal sealed partial class Evaluator
{
    /// <summary>Each binary node's match signature of each label set, kept across blocks. Keyed by node identity.</summary>
    private readonly Dictionary<BinaryExpr, Dictionary<Labels, Labels>> _matchSignatures = new(ReferenceEqualityComparer.Instance);

    private GridBlock BinaryBlock(BinaryExpr binary, long firstStep, int steps)
    {
        if (binary.Lhs.Type == ExprType.Scalar)
        {
            var scalars = ScalarSteps(binary.Lhs, firstStep, steps);
            return VectorScalarBlock(binary, EvaluateBlock(binary.Rhs, firstStep, steps), scalars, scalarOnLeft: true);
        }
        var lhs = EvaluateBlock(binary.Lhs, firstStep, steps);
        if (binary.Rhs.Type == ExprType.Scalar) return VectorScalarBlock(binary, lhs, ScalarSteps(binary.Rhs, firstStep, steps), scalarOnLeft: false);
        var rhs = EvaluateBlock(binary.Rhs, firstStep, steps);
        return binary.Op.IsSetOperator() ? SetOperationBlock(binary, lhs, rhs) : VectorVectorBlock(binary, lhs, rhs);
    }

    /// <summary>As <see cref="VectorScalar"/>, in place.</summary>
    private static GridBlock VectorScalarBlock(BinaryExpr binary, GridBlock vector, double[] scalars, bool scalarOnLeft)
    {
        var dropName = BinaryArithmetic.DropsMetricName(binary.Op, binary.ReturnBool);
        for (var row = 0; row < vector.Rows; row++)
        {
            if (dropName) vector.Labels[row] = vector.Labels[row].WithoutMetricName();
            ApplyScalar(binary, vector.ValuesOf(row), vector.PresentOf(row), scalars, scalarOnLeft);
        }
        return CheckedBlock(vector, "vector cannot contain metrics with the same labelset");
    }

    /// <summary>One row's values under a vector/scalar operator, step by step, in place (labels aside).</summary>
    private static void ApplyScalar(BinaryExpr binary, Span<double> values, Span<bool> present, double[] scalars, bool scalarOnLeft)
    {
        var filters = binary.Op.IsComparison() && !binary.ReturnBool;
        for (var k = 0; k < values.Length; k++)
        {
            if (!present[k]) continue;
            var value = scalarOnLeft ? BinaryArithmetic.Apply(binary.Op, scalars[k], values[k]) : BinaryArithmetic.Apply(binary.Op, values[k], scalars[k]);
            // A filtering comparison keeps the vector's own value, whichever side the scalar is on.
            if (!filters) values[k] = value;
            else if (value != 1) present[k] = false;
        }
    }

    /// <summary>
    /// A matched pair's value under a vector/vector operator, or false where a filtering comparison drops it; the
    /// "one" side's value goes on the left when <paramref name="oneSideIsLeft"/>.
    /// </summary>
    private static bool TryCombine(BinaryExpr binary, bool oneSideIsLeft, double many, double one, out double value)
    {
        var (left, right) = oneSideIsLeft ? (one, many) : (many, one);
        value = BinaryArithmetic.Apply(binary.Op, left, right);
        if (!binary.Op.IsComparison() || binary.ReturnBool) return true;
        if (value != 1) return false;
        value = left;
        return true;
    }

    private Labels[] SignaturesOf(BinaryExpr binary, GridBlock block, VectorMatching matching)
    {
        if (!_matchSignatures.TryGetValue(binary, out var known)) _matchSignatures[binary] = known = [];
        var signatures = new Labels[block.Rows];
        for (var row = 0; row < block.Rows; row++)
        {
            var labels = block.Labels[row];
            if (!known.TryGetValue(labels, out var signature)) known[labels] = signature = VectorLabels.MatchSignature(labels, matching);
            signatures[row] = signature;
        }
        return signatures;
    }

    /// <summary>Rows grouped by signature, groups in order of their first row.</summary>
    private static Dictionary<Labels, List<int>> RowsBySignature(Labels[] signatures)
    {
        var rows = new Dictionary<Labels, List<int>>();
        for (var row = 0; row < signatures.Length; row++)
        {
            if (!rows.TryGetValue(signatures[row], out var list)) rows[signatures[row]] = list = [];
            list.Add(row);
        }
        return rows;
    }

    /// <summary>As <see cref="VectorVector"/>: arithmetic and comparisons between matched pairs, step by step.</summary>
    private GridBlock VectorVectorBlock(BinaryExpr binary, GridBlock lhs, GridBlock rhs)
    {
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        var oneSideIsLeft = matching.Cardinality == MatchingCardinality.OneToMany;
        var (many, one) = oneSideIsLeft ? (rhs, lhs) : (lhs, rhs);
        var steps = lhs.Steps;
        var oneRows = RowsBySignature(SignaturesOf(binary, one, matching));
        RejectDuplicates(one, oneRows, oneSideIsLeft ? "left" : "right");
        var manySignatures = SignaturesOf(binary, many, matching);
        if (matching.Cardinality == MatchingCardinality.OneToOne) RejectSharedMatches(many, manySignatures, one, oneRows);

        var dropName = BinaryArithmetic.DropsMetricName(binary.Op, binary.ReturnBool);
        var output = new GridBlock(steps, many.Rows);
        var outputRows = new Dictionary<(int Many, int One), int>();
        for (var manyRow = 0; manyRow < many.Rows; manyRow++)
        {
            if (!oneRows.TryGetValue(manySignatures[manyRow], out var candidates)) continue;
            for (var k = 0; k < steps; k++)
            {
                if (!many.Present[manyRow * steps + k]) continue;
                var oneRow = PresentRow(one, candidates, k);
                if (oneRow < 0) continue;
                if (!TryCombine(binary, oneSideIsLeft, many.Values[manyRow * steps + k], one.Values[oneRow * steps + k], out var value)) continue;
                if (!outputRows.TryGetValue((manyRow, oneRow), out var row))
                {
                    row = output.AddRow(VectorLabels.ResultLabels(many.Labels[manyRow], one.Labels[oneRow], matching, dropName));
                    outputRows[(manyRow, oneRow)] = row;
                }
                output.Set(row, k, value);
            }
        }
        return CheckedBlock(output, matching.Cardinality == MatchingCardinality.OneToOne
            ? "vector cannot contain metrics with the same labelset"
            : "multiple matches for labels: grouping labels must ensure unique matches");
    }

    /// <summary>The row of <paramref name="rows"/> present at step <paramref name="k"/>, or -1 (duplicates were rejected before).</summary>
    private static int PresentRow(GridBlock block, List<int> rows, int k)
    {
        foreach (var row in rows)
            if (block.Present[row * block.Steps + k]) return row;
        return -1;
    }

    /// <summary>The "one" side may hold one series per signature at each step: Prometheus refuses many-to-many matching.</summary>
    private static void RejectDuplicates(GridBlock one, Dictionary<Labels, List<int>> oneRows, string side)
    {
        foreach (var (signature, rows) in oneRows)
        {
            if (rows.Count < 2) continue;
            for (var k = 0; k < one.Steps; k++)
            {
                var first = -1;
                foreach (var row in rows)
                {
                    if (!one.Present[row * one.Steps + k]) continue;
                    if (first < 0)
                    {
                        first = row;
                        continue;
                    }
                    throw new PromQLEvaluationException(
                        $"found duplicate series for the match group {signature} on the {side} hand-side of the operation: " +
                        $"[{one.Labels[row]}, {one.Labels[first]}];many-to-many matching not allowed: matching labels must be unique on one side");
                }
            }
        }
    }

    /// <summary>One-to-one matching: two "many" series with one signature may not both find their partner at one step.</summary>
    private static void RejectSharedMatches(GridBlock many, Labels[] manySignatures, GridBlock one, Dictionary<Labels, List<int>> oneRows)
    {
        foreach (var (signature, rows) in RowsBySignature(manySignatures))
        {
            if (rows.Count < 2 || !oneRows.TryGetValue(signature, out var candidates)) continue;
            for (var k = 0; k < many.Steps; k++)
            {
                if (PresentRow(one, candidates, k) < 0) continue;
                var matched = 0;
                foreach (var row in rows)
                    if (many.Present[row * many.Steps + k] && ++matched > 1)
                        throw new PromQLEvaluationException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
        }
    }

    /// <summary>As <see cref="SetOperation"/>: and, or, unless decided per step by which signatures the other side has.</summary>
    private GridBlock SetOperationBlock(BinaryExpr binary, GridBlock lhs, GridBlock rhs)
    {
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        var lhsSignatures = SignaturesOf(binary, lhs, matching);
        var rhsSignatures = SignaturesOf(binary, rhs, matching);
        if (binary.Op == BinaryOp.Or)
        {
            var lhsPresence = PresenceBySignature(lhs, lhsSignatures);
            for (var row = 0; row < rhs.Rows; row++)
            {
                lhsPresence.TryGetValue(rhsSignatures[row], out var taken);
                var added = lhs.AddRow(rhs.Labels[row]);
                var present = rhs.PresentOf(row);
                var values = rhs.ValuesOf(row);
                for (var k = 0; k < rhs.Steps; k++)
                    if (present[k] && (taken is null || !taken[k])) lhs.Set(added, k, values[k]);
            }
            return lhs;
        }
        var rhsPresence = PresenceBySignature(rhs, rhsSignatures);
        var keepMatched = binary.Op == BinaryOp.And;
        for (var row = 0; row < lhs.Rows; row++)
        {
            rhsPresence.TryGetValue(lhsSignatures[row], out var matched);
            var present = lhs.PresentOf(row);
            for (var k = 0; k < lhs.Steps; k++)
                present[k] &= keepMatched == (matched is not null && matched[k]);
        }
        return lhs;
    }

    /// <summary>Per signature, the steps at which some row with it is present.</summary>
    private static Dictionary<Labels, bool[]> PresenceBySignature(GridBlock block, Labels[] signatures)
    {
        var presence = new Dictionary<Labels, bool[]>();
        for (var row = 0; row < block.Rows; row++)
        {
            if (!presence.TryGetValue(signatures[row], out var steps)) presence[signatures[row]] = steps = new bool[block.Steps];
            var present = block.PresentOf(row);
            for (var k = 0; k < block.Steps; k++) steps[k] |= present[k];
        }
        return presence;
    }
}
