namespace OllyStack.Query.PromQL.Evaluation;

// Range queries series by series. Expressions made of selectors, range functions of selectors, the common
// aggregations, unary minus and binary operators are computed for a block of steps at once (see GridBlock): label
// work (grouping keys, match signatures, output label sets) happens once per series and block instead of once per
// series and step, and each series' samples are walked with pointers that only move forward. Anything else is
// evaluated step by step as before, reading the blocks of its grid-capable operands one step at a time.
internal sealed partial class Evaluator
{
    /// <summary>Steps per block: what one block's selectors load stays a small share of the sample limit.</summary>
    private const int BlockSteps = 64;

    /// <summary>Below this many series per slice, work on series stays on the calling thread.</summary>
    private const int SeriesPerSlice = 256;

    // Keyed by node identity: hashing a record would walk its subtree.
    private readonly HashSet<Expr> _gridRoots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, (long FirstStep, GridBlock Block)> _rootBlocks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, GridBlock?> _streamedRoots = new(ReferenceEqualityComparer.Instance);
    private long _gridStartMs;
    private long _gridStepMs;
    private long _gridSteps;

    /// <summary>
    /// Declares that <paramref name="expr"/> will be evaluated at every step of the grid: its largest grid-capable
    /// subexpressions outside subqueries (subqueries evaluate on their own grid) are then computed block by block,
    /// and selectors outside subqueries, read at ascending times only, may load their samples window by window.
    /// </summary>
    public void UseStepGrid(Expr expr, long startMs, long endMs, long stepMs)
    {
        _gridStartMs = startMs;
        _gridStepMs = stepMs;
        _gridSteps = (endMs - startMs) / stepMs + 1;
        MarkGrid(expr, underRoot: false);
    }

    private void MarkGrid(Expr expr, bool underRoot)
    {
        if (!underRoot && IsGridExpr(expr))
        {
            _gridRoots.Add(expr);
            underRoot = true;
        }
        switch (expr)
        {
            case VectorSelector selector: _windowedSelectors.Add(selector); break;
            case MatrixSelector range: _windowedSelectors.Add(range.Selector); break;
            case SubqueryExpr: break;
            default:
                foreach (var child in ExprTree.Children(expr)) MarkGrid(child, underRoot);
                break;
        }
    }

    /// <summary>Whether the instant-vector expression can be computed a block at a time; scalar operands are evaluated per step.</summary>
    private static bool IsGridExpr(Expr expr) => expr switch
    {
        ParenExpr paren => IsGridExpr(paren.Expr),
        VectorSelector => true,
        Call call => IsGridFunction(call),
        UnaryExpr unary => IsGridExpr(unary.Expr),
        AggregateExpr aggregate => aggregate.Op != AggregationOp.CountValues && IsGridExpr(aggregate.Expr),
        BinaryExpr binary => binary.Lhs.Type == ExprType.Scalar
            ? IsGridExpr(binary.Rhs)
            : IsGridExpr(binary.Lhs) && (binary.Rhs.Type == ExprType.Scalar || IsGridExpr(binary.Rhs)),
        _ => false,
    };

    /// <summary>A range function of one plain range selector and no other argument (absent_over_time aside: it is about the whole selection).</summary>
    private static bool IsGridFunction(Call call) =>
        call.Args.Count == 1 && Unwrap(call.Args[0]) is MatrixSelector && call.Function.Name != "absent_over_time";

    private static Expr Unwrap(Expr expr)
    {
        while (expr is ParenExpr paren) expr = paren.Expr;
        return expr;
    }

    /// <summary>The whole range query's result when its expression is grid-capable, else null: blocks appended series by series.</summary>
    public MatrixValue? TryEvaluateRangeOnGrid(Expr expr)
    {
        if (!_gridRoots.Contains(expr)) return null;
        var byLabels = new Dictionary<Labels, List<Point>>();
        for (var firstStep = 0L; firstStep < _gridSteps; firstStep += BlockSteps)
        {
            var block = EvaluateBlock(expr, firstStep, (int)Math.Min(BlockSteps, _gridSteps - firstStep));
            for (var row = 0; row < block.Rows; row++)
            {
                var present = block.PresentOf(row);
                var values = block.ValuesOf(row);
                List<Point>? points = null;
                for (var k = 0; k < block.Steps; k++)
                {
                    if (!present[k]) continue;
                    if (points is null && !byLabels.TryGetValue(block.Labels[row], out points)) byLabels[block.Labels[row]] = points = [];
                    points.Add(new Point(StepTime(firstStep + k), values[k]));
                }
                if (points is not null) _budget.AddSamples(present.Count(true));
            }
        }
        return new MatrixValue(byLabels.OrderBy(p => p.Key).Select(p => new Series(p.Key, p.Value)).ToList());
    }

    /// <summary>A grid root's value at one step, from the block holding it (computed when first needed); false off the grid.</summary>
    private bool TrySliceGrid(Expr expr, long timeMs, out VectorValue value)
    {
        value = null!;
        if (!_gridRoots.Contains(expr) || timeMs < _gridStartMs || (timeMs - _gridStartMs) % _gridStepMs != 0) return false;
        var step = (timeMs - _gridStartMs) / _gridStepMs;
        if (step >= _gridSteps) return false;
        if (StreamedRoot(expr) is { } streamed)
        {
            value = new VectorValue(timeMs, streamed.SamplesAt((int)step));
            return true;
        }
        if (!_rootBlocks.TryGetValue(expr, out var held) || step < held.FirstStep || step >= held.FirstStep + held.Block.Steps)
            _rootBlocks[expr] = held = (step, EvaluateBlock(expr, step, (int)Math.Min(BlockSteps, _gridSteps - step)));
        value = new VectorValue(timeMs, held.Block.SamplesAt((int)(step - held.FirstStep)));
        return true;
    }

    /// <summary>
    /// An expression that streams (see Evaluator.SeriesStreams.cs), computed for every step when first needed and held
    /// as one block; null for one that does not stream: a grid root evaluated step by step, or an aggregation under
    /// an operator or topk evaluated block by block.
    /// </summary>
    private GridBlock? StreamedRoot(Expr expr)
    {
        expr = Unwrap(expr);
        if (_streamedRoots.TryGetValue(expr, out var block)) return block;
        if (expr is AggregateExpr aggregate)
        {
            if (TryStreamAggregation(aggregate) is { } fold) block = GroupBlock(fold);
        }
        else if (Streamed(() => TryStreamRows(expr)) is { } matrix)
        {
            block = new GridBlock((int)_gridSteps, matrix.Series.Count);
            foreach (var series in matrix.Series)
            {
                var row = block.AddRow(series.Labels);
                foreach (var point in series.Points) block.Set(row, (int)((point.TimestampMs - _gridStartMs) / _gridStepMs), point.Value);
            }
        }
        _streamedRoots[expr] = block;
        return block;
    }

    private long StepTime(long step) => _gridStartMs + step * _gridStepMs;

    /// <summary>Runs <paramref name="body"/>(from, to) over slices of [0, <paramref name="count"/>), on several cores when there is enough: series are independent.</summary>
    private static void ForEachSlice(int count, Action<int, int> body)
    {
        var slices = SliceCount(count);
        RunSlices(slices, slice => body(count * slice / slices, count * (slice + 1) / slices));
    }

    /// <summary>How many slices work on <paramref name="count"/> series: one per core, as long as each has enough.</summary>
    private static int SliceCount(int count) => Math.Max(1, Math.Min(Environment.ProcessorCount, count / SeriesPerSlice));

    /// <summary>Runs <paramref name="body"/>(slice) for each slice, on the calling thread when there is one.</summary>
    private static void RunSlices(int slices, Action<int> body)
    {
        if (slices <= 1)
        {
            body(0);
            return;
        }
        try
        {
            Parallel.For(0, slices, body);
        }
        catch (AggregateException e)
        {
            // A limit or an evaluation error reads as it would on one thread.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private GridBlock EvaluateBlock(Expr expr, long firstStep, int steps)
    {
        _budget.ThrowIfCancelled();
        return expr switch
        {
            ParenExpr paren => EvaluateBlock(paren.Expr, firstStep, steps),
            VectorSelector selector => SelectorBlock(selector, firstStep, steps),
            Call call => RangeFunctionBlock(call, firstStep, steps),
            UnaryExpr { Op: UnaryOp.Plus } unary => EvaluateBlock(unary.Expr, firstStep, steps),
            UnaryExpr unary => NegatedBlock(EvaluateBlock(unary.Expr, firstStep, steps)),
            AggregateExpr aggregate => StreamedRoot(aggregate)?.CopyOfSteps((int)firstStep, steps) ?? AggregateBlock(aggregate, firstStep, steps),
            BinaryExpr binary => BinaryBlock(binary, firstStep, steps),
            _ => throw new InvalidOperationException($"{expr.GetType().Name} is not grid-capable"),
        };
    }

    /// <summary>A scalar operand's value at each step of a block.</summary>
    private double[] ScalarSteps(Expr expr, long firstStep, int steps)
    {
        var values = new double[steps];
        for (var k = 0; k < steps; k++) values[k] = EvaluateScalar(expr, StepTime(firstStep + k));
        return values;
    }

    private GridBlock NegatedBlock(GridBlock operand)
    {
        for (var i = 0; i < operand.Values.Length; i++) operand.Values[i] = -operand.Values[i];
        for (var row = 0; row < operand.Rows; row++) operand.Labels[row] = operand.Labels[row].WithoutMetricName();
        return CheckedBlock(operand, "vector cannot contain metrics with the same labelset");
    }

    /// <summary>Fails with <paramref name="error"/> as <see cref="Checked"/> does when two rows with one label set are present at one step.</summary>
    private static GridBlock CheckedBlock(GridBlock block, string error)
    {
        if (block.Rows < 2) return block;
        var firstRow = new Dictionary<Labels, int>(block.Rows);
        Dictionary<Labels, bool[]>? presentInEarlierRows = null;
        for (var row = 0; row < block.Rows; row++)
        {
            var labels = block.Labels[row];
            if (firstRow.TryAdd(labels, row)) continue;
            presentInEarlierRows ??= [];
            if (!presentInEarlierRows.TryGetValue(labels, out var earlier))
                presentInEarlierRows[labels] = earlier = block.PresentOf(firstRow[labels]).ToArray();
            var present = block.PresentOf(row);
            for (var k = 0; k < block.Steps; k++)
            {
                if (present[k] && earlier[k]) throw new PromQLEvaluationException(error);
                earlier[k] |= present[k];
            }
        }
        return block;
    }
}
