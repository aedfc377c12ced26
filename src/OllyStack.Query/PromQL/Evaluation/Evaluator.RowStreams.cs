using OllyStack.Storage.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

// Range queries whose every output series comes from one input series, or from one matched pair of them
// (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes, rate(x[5m]) * 8), stream as aggregations do: the
// series are found and paired by their labels alone, then read a few dozen at a time for the whole range, and each
// output row is computed for every step before the next chunk is read. A query that could fail at some step (two
// rows with one label set, several partners for one series) goes block by block instead, where each step tells.
internal sealed partial class Evaluator
{
    /// <summary>Output rows times steps a streamed row query may hold (a step-by-step parent holds them all at once).</summary>
    private const long StreamMaxRowCells = 1 << 24;

    /// <summary>Unary minus (no operator), or an operator with a scalar operand, applied to each row on the way up.</summary>
    private sealed class RowStep(BinaryExpr? scalarOperator, bool scalarOnLeft)
    {
        public BinaryExpr? ScalarOperator => scalarOperator;

        public bool ScalarOnLeft => scalarOnLeft;

        /// <summary>The scalar operand at every step of the grid, once the query is known to stream.</summary>
        public double[] Scalars { get; set; } = [];

        public Labels LabelsAfter(Labels labels) =>
            scalarOperator is null || BinaryArithmetic.DropsMetricName(scalarOperator.Op, scalarOperator.ReturnBool) ? labels.WithoutMetricName() : labels;

        public void Apply(Span<double> values, Span<bool> present)
        {
            if (scalarOperator is not null)
            {
                ApplyScalar(scalarOperator, values, present, Scalars, scalarOnLeft);
                return;
            }
            foreach (ref var value in values) value = -value;
        }
    }

    /// <summary>
    /// A selector, or a range function of one, with the row steps above it (innermost first): its series found, their
    /// labels as the steps leave them, and what reading them takes (the time each step reads at, the range or lookback
    /// before it, the range function's reducer per step).
    /// </summary>
    private sealed record RowOperand(
        List<RowStep> Steps, IReadOnlyList<SeriesHandle> Found, Labels[] Labels, long[] ReferenceMs, long RangeMs, Func<SampleWindow, double?>[]? Reducers);

    /// <summary>What one output series is made of: a row of the first operand, and of the second when there is one.</summary>
    private readonly record struct RowUnit(int Row, int PartnerRow, Labels Labels);

    /// <summary>The range query's result when its expression is a row query that streams (see above), else null.</summary>
    private MatrixValue? TryStreamRows(Expr expr)
    {
        var rootSteps = new List<RowStep>();
        var core = PeelRowSteps(expr, rootSteps);
        RowOperand? first, second = null;
        BinaryExpr? binary = null;
        List<RowUnit>? units;
        if (RowOperandOf(core) is { } single)
        {
            first = single;
            units = single.Labels.Select((labels, row) => new RowUnit(row, -1, AfterSteps(labels, rootSteps))).ToList();
        }
        else if (core is BinaryExpr { Lhs.Type: ExprType.InstantVector, Rhs.Type: ExprType.InstantVector } pair && !pair.Op.IsSetOperator()
                 && RowOperandOf(pair.Lhs) is { } lhs && RowOperandOf(pair.Rhs) is { } rhs)
        {
            binary = pair;
            var oneSideIsLeft = (pair.Matching ?? VectorMatching.Default(pair.Op)).Cardinality == MatchingCardinality.OneToMany;
            (first, second) = oneSideIsLeft ? (rhs, lhs) : (lhs, rhs);
            units = MatchedUnits(pair, first, second, rootSteps);
        }
        else
        {
            return null;
        }
        if (units is null || (long)units.Count * _gridSteps > StreamMaxRowCells || units.Select(u => u.Labels).Distinct().Count() < units.Count) return null;

        foreach (var step in rootSteps.Concat(first.Steps).Concat(second?.Steps ?? []))
            if (step.ScalarOperator is { } op) step.Scalars = ScalarSteps(step.ScalarOnLeft ? op.Lhs : op.Rhs, 0, (int)_gridSteps);
        _budget.AddSeries(first.Found.Count + (second?.Found.Count ?? 0));
        var points = new List<Point>?[units.Count];
        ForEachSlice(units.Count, (from, to) => StreamRowSlice(units, from, to, first, second, binary, rootSteps, points));

        var result = new List<Series>();
        for (var i = 0; i < units.Count; i++)
        {
            if (points[i] is not { } unitPoints) continue;
            _budget.AddSamples(unitPoints.Count);
            result.Add(new Series(units[i].Labels, unitPoints));
        }
        result.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        return new MatrixValue(result);
    }

    /// <summary>
    /// Each "many" row with its partner of the same signature, or null when some step could find a partner missing
    /// here or more than one: a signature twice on the "one" side, or twice among one-to-one's "many" rows.
    /// </summary>
    private static List<RowUnit>? MatchedUnits(BinaryExpr binary, RowOperand many, RowOperand one, List<RowStep> rootSteps)
    {
        var matching = binary.Matching ?? VectorMatching.Default(binary.Op);
        var oneRowOf = new Dictionary<Labels, int>();
        for (var row = 0; row < one.Labels.Length; row++)
            if (!oneRowOf.TryAdd(VectorLabels.MatchSignature(one.Labels[row], matching), row)) return null;
        var dropName = BinaryArithmetic.DropsMetricName(binary.Op, binary.ReturnBool);
        var matched = new HashSet<Labels>();
        var units = new List<RowUnit>();
        for (var row = 0; row < many.Labels.Length; row++)
        {
            var signature = VectorLabels.MatchSignature(many.Labels[row], matching);
            if (!oneRowOf.TryGetValue(signature, out var oneRow)) continue;
            if (matching.Cardinality == MatchingCardinality.OneToOne && !matched.Add(signature)) return null;
            units.Add(new RowUnit(row, oneRow, AfterSteps(VectorLabels.ResultLabels(many.Labels[row], one.Labels[oneRow], matching, dropName), rootSteps)));
        }
        return units;
    }

    /// <summary>The units from <paramref name="from"/> to <paramref name="to"/>, a chunk at a time: their series read, their rows computed, their points kept.</summary>
    private void StreamRowSlice(
        List<RowUnit> units, int from, int to, RowOperand first, RowOperand? second, BinaryExpr? binary, List<RowStep> rootSteps, List<Point>?[] points)
    {
        var steps = (int)_gridSteps;
        var chunk = Math.Max(1, Math.Min(StreamSeriesPerChunk, StreamCellsPerChunk / steps));
        var firstBlock = new GridBlock(steps, Math.Min(chunk, to - from));
        var secondBlock = second is null ? null : new GridBlock(steps, Math.Min(chunk, to - from));
        var output = new GridBlock(steps, 1);
        var oneSideIsLeft = binary?.Matching?.Cardinality == MatchingCardinality.OneToMany;
        using var arena = new SampleArena(pooled: true);
        for (var start = from; start < to; start += chunk)
        {
            _budget.ThrowIfCancelled();
            // The previous chunk's rows are done: its room is used again.
            arena.Reset();
            var chunkUnits = units.GetRange(start, Math.Min(chunk, to - start));
            var samples = ReadRows(first, chunkUnits.Select(u => u.Row).ToList(), firstBlock, arena);
            // Under group_left or group_right several units share their partner: it is read once.
            var partnerRows = chunkUnits.Select(u => u.PartnerRow).Distinct().ToList();
            if (second is not null) samples += ReadRows(second, partnerRows, secondBlock!, arena);
            for (var i = 0; i < chunkUnits.Count; i++)
            {
                var (block, row) = (firstBlock, i);
                if (second is not null)
                {
                    output.Clear();
                    output.AddRow(chunkUnits[i].Labels);
                    Combine(binary!, oneSideIsLeft, firstBlock, i, secondBlock!, partnerRows.IndexOf(chunkUnits[i].PartnerRow), output);
                    (block, row) = (output, 0);
                }
                foreach (var step in rootSteps) step.Apply(block.ValuesOf(row), block.PresentOf(row));
                points[start + i] = PointsOf(block.ValuesOf(row), block.PresentOf(row));
            }
            lock (_budget) _budget.ReleaseSamples(samples);
        }
    }

    /// <summary>Reads the operand's <paramref name="rows"/> for the whole grid into the block's rows, in order, their row steps applied; returns the samples read (counted against the limit).</summary>
    private long ReadRows(RowOperand operand, List<int> rows, GridBlock block, SampleArena arena)
    {
        var (referenceMs, rangeMs, reducers) = (operand.ReferenceMs, operand.RangeMs, operand.Reducers);
        var stored = _source.Read(rows.Select(row => operand.Found[row]).ToList(), referenceMs[0] - rangeMs, referenceMs[^1], arena);
        var samples = stored.Sum(s => (long)s.Timestamps.Length);
        lock (_budget) _budget.AddSamples(samples);
        block.Clear();
        var windowSamples = new long[referenceMs.Length];
        for (var i = 0; i < stored.Count; i++)
        {
            var row = block.AddRow(operand.Labels[rows[i]]);
            var series = ToLoaded(stored[i]);
            if (reducers is null) SelectLatest(series, row, block, referenceMs, LookbackMs);
            else ReduceWindows(series, row, block, referenceMs, rangeMs, reducers, windowSamples);
            foreach (var step in operand.Steps) step.Apply(block.ValuesOf(row), block.PresentOf(row));
        }
        return samples;
    }

    /// <summary>A matched pair's row: the operator's value at each step both are present and a filter keeps it.</summary>
    private static void Combine(BinaryExpr binary, bool oneSideIsLeft, GridBlock manyBlock, int manyRow, GridBlock oneBlock, int oneRow, GridBlock output)
    {
        var many = manyBlock.ValuesOf(manyRow);
        var manyPresent = manyBlock.PresentOf(manyRow);
        var one = oneBlock.ValuesOf(oneRow);
        var onePresent = oneBlock.PresentOf(oneRow);
        for (var k = 0; k < many.Length; k++)
            if (manyPresent[k] && onePresent[k] && TryCombine(binary, oneSideIsLeft, many[k], one[k], out var value))
                output.Set(0, k, value);
    }

    private List<Point>? PointsOf(Span<double> values, Span<bool> present)
    {
        var count = present.Count(true);
        if (count == 0) return null;
        var points = new List<Point>(count);
        for (var k = 0; k < values.Length; k++)
            if (present[k]) points.Add(new Point(StepTime(k), values[k]));
        return points;
    }

    /// <summary>A selector or a range function of one under row steps, found, or null for anything else or labels that could collide.</summary>
    private RowOperand? RowOperandOf(Expr expr)
    {
        var steps = new List<RowStep>();
        var (selector, call) = PeelRowSteps(expr, steps) switch
        {
            VectorSelector plain => (plain, null),
            Call function when IsGridFunction(function) => (((MatrixSelector)Unwrap(function.Args[0])).Selector, function),
            _ => ((VectorSelector?)null, (Call?)null),
        };
        if (selector is null) return null;
        var found = _source.Find(selector.StorageMatchers());
        var keepName = call is null || call.Function.Name == "last_over_time";
        var labels = found.Select(s => AfterSteps(keepName ? s.Labels : s.Labels.WithoutMetricName(), steps)).ToArray();
        if (labels.Distinct().Count() < labels.Length) return null;
        var referenceMs = ReferenceTimes(selector.At, selector.Offset, 0, (int)_gridSteps);
        if (call is null) return new RowOperand(steps, found, labels, referenceMs, LookbackMs, null);
        var rangeMs = (long)((MatrixSelector)Unwrap(call.Args[0])).Range.TotalMilliseconds;
        return new RowOperand(steps, found, labels, referenceMs, rangeMs, StepReducers(call.Function.Name, 0, referenceMs, rangeMs));
    }

    /// <summary>The expression under its parentheses, unary signs and scalar operators, which go to <paramref name="steps"/> innermost first.</summary>
    private static Expr PeelRowSteps(Expr expr, List<RowStep> steps)
    {
        while (true)
        {
            switch (expr)
            {
                case ParenExpr paren:
                    expr = paren.Expr;
                    continue;
                case UnaryExpr unary:
                    if (unary.Op == UnaryOp.Minus) steps.Add(new RowStep(null, false));
                    expr = unary.Expr;
                    continue;
                case BinaryExpr { Lhs.Type: ExprType.Scalar, Rhs.Type: ExprType.InstantVector } binary:
                    steps.Add(new RowStep(binary, scalarOnLeft: true));
                    expr = binary.Rhs;
                    continue;
                case BinaryExpr { Lhs.Type: ExprType.InstantVector, Rhs.Type: ExprType.Scalar } binary:
                    steps.Add(new RowStep(binary, scalarOnLeft: false));
                    expr = binary.Lhs;
                    continue;
            }
            steps.Reverse();
            return expr;
        }
    }

    private static Labels AfterSteps(Labels labels, List<RowStep> steps)
    {
        foreach (var step in steps) labels = step.LabelsAfter(labels);
        return labels;
    }
}
