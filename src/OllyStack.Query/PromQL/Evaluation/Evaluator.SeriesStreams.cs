using OllyStack.Storage.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

// Range queries of one aggregation over a selector, or over a range function of one (sum by (x) (rate(m[5m])), the
// dashboard's commonest panel), stream the series: a few dozen at a time are read for the whole range, their rows
// computed for every step and folded into their groups, then dropped. Nothing the size of the selection is held, so
// the samples are still in the CPU's cache when they are used, and the cores each take a share of the series.
internal sealed partial class Evaluator
{
    /// <summary>Series read together: their samples over a day stay within the CPU's cache.</summary>
    private const int StreamSeriesPerChunk = 64;

    /// <summary>Rows of a chunk times steps: bounds what a chunk's block holds when the steps are many.</summary>
    private const int StreamCellsPerChunk = 1 << 20;

    /// <summary>Longer grids go block by block: a row per series for every step would not fit.</summary>
    private const long StreamMaxSteps = 11_000;

    /// <summary>Groups times steps a thread's partial values may hold (12 bytes each); more groups go block by block.</summary>
    private const long StreamMaxGroupCells = 1 << 22;

    /// <summary>The sums of an average overflowed: only the step-ordered incremental mean gives Prometheus' answer.</summary>
    private sealed class AverageOverflowException : Exception;

    /// <summary>One slice's running values per group and step (row-major by group), folded in series order.</summary>
    private sealed class GroupFold(int groups, int steps)
    {
        public double[] Values { get; } = new double[groups * steps];

        public int[] Counts { get; } = new int[groups * steps];

        public void Add(AggregationOp op, int cell, double value)
        {
            if (Counts[cell]++ == 0) Values[cell] = op is AggregationOp.Min or AggregationOp.Max ? double.NaN : 0;
            Values[cell] = AggregationFold.Fold(op == AggregationOp.Avg ? AggregationOp.Sum : op, Values[cell], value);
        }

        /// <summary>Folds a later slice's partial values into this one's.</summary>
        public void Merge(AggregationOp op, GroupFold later)
        {
            for (var cell = 0; cell < Counts.Length; cell++)
            {
                if (later.Counts[cell] == 0) continue;
                Values[cell] = Counts[cell] == 0 ? later.Values[cell] : AggregationFold.Fold(op == AggregationOp.Avg ? AggregationOp.Sum : op, Values[cell], later.Values[cell]);
                Counts[cell] += later.Counts[cell];
            }
        }
    }

    /// <summary>The range query's result when its expression streams (see above), else null.</summary>
    public MatrixValue? TryEvaluateRangeAsSeriesStreams(Expr expr)
    {
        if (_gridSteps > StreamMaxSteps) return null;
        if (Unwrap(expr) is not AggregateExpr aggregate) return TryStreamRows(expr);
        if (aggregate.Param is not null) return null;
        if (aggregate.Op is not (AggregationOp.Sum or AggregationOp.Count or AggregationOp.Min or AggregationOp.Max or AggregationOp.Avg or AggregationOp.Group))
            return null;
        // Over a selector or a range function of one only (RowOperandOf turns down any other call); a collision of
        // two series' labels is an error only at steps where both have a value: the block path tells.
        if (Unwrap(aggregate.Expr) is not (VectorSelector or Call) || RowOperandOf(aggregate.Expr) is not { } input) return null;
        try
        {
            return StreamAggregation(aggregate, input);
        }
        catch (AverageOverflowException)
        {
            return null;
        }
    }

    private MatrixValue? StreamAggregation(AggregateExpr aggregate, RowOperand input)
    {
        var steps = (int)_gridSteps;
        var (groupOfSeries, groupKeys) = Groups(aggregate, input.Labels);
        if ((long)groupKeys.Count * steps > StreamMaxGroupCells) return null;
        _budget.AddSeries(input.Found.Count);

        var chunk = Math.Max(1, Math.Min(StreamSeriesPerChunk, StreamCellsPerChunk / steps));
        var folds = new SortedList<int, GroupFold>();
        ForEachSlice(input.Found.Count, (from, to) =>
        {
            var fold = new GroupFold(groupKeys.Count, steps);
            var block = new GridBlock(steps, Math.Min(chunk, Math.Max(1, to - from)));
            using var arena = new SampleArena(pooled: true);
            for (var first = from; first < to; first += chunk)
            {
                _budget.ThrowIfCancelled();
                // The previous chunk's samples are folded and dropped: its room is used again.
                arena.Reset();
                var samples = ReadRows(input, Enumerable.Range(first, Math.Min(chunk, to - first)).ToList(), block, arena);
                for (var row = 0; row < block.Rows; row++) FoldRow(aggregate.Op, block, row, groupOfSeries[first + row] * steps, fold);
                lock (_budget) _budget.ReleaseSamples(samples);
            }
            lock (folds) folds.Add(from, fold);
        });
        return GroupSeries(aggregate.Op, folds.Values, groupKeys, steps);
    }

    private static void FoldRow(AggregationOp op, GridBlock block, int row, int groupStart, GroupFold fold)
    {
        var present = block.PresentOf(row);
        var values = block.ValuesOf(row);
        for (var k = 0; k < present.Length; k++)
            if (present[k]) fold.Add(op, groupStart + k, values[k]);
    }

    /// <summary>The slices' folds merged in series order, as one series per group with a point wherever the group had members.</summary>
    private MatrixValue GroupSeries(AggregationOp op, IList<GroupFold> folds, List<Labels> groupKeys, int steps)
    {
        var total = folds[0];
        for (var i = 1; i < folds.Count; i++) total.Merge(op, folds[i]);
        var result = new List<Series>(groupKeys.Count);
        for (var group = 0; group < groupKeys.Count; group++)
        {
            var points = new List<Point>();
            for (var k = 0; k < steps; k++)
            {
                var cell = group * steps + k;
                var count = total.Counts[cell];
                if (count == 0) continue;
                var value = op switch
                {
                    AggregationOp.Count => count,
                    AggregationOp.Group => 1,
                    AggregationOp.Avg => AverageOf(total.Values[cell], count),
                    _ => total.Values[cell],
                };
                points.Add(new Point(StepTime(k), value));
            }
            if (points.Count == 0) continue;
            _budget.AddSamples(points.Count);
            result.Add(new Series(groupKeys[group], points));
        }
        result.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        return new MatrixValue(result);
    }

    /// <summary>Sum over count, which is Prometheus' mean as long as the sum stays finite; past that only its incremental mean will do.</summary>
    private static double AverageOf(double sum, int count) =>
        double.IsFinite(sum) ? sum / count : throw new AverageOverflowException();
}
