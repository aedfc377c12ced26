using OllyStack.Storage.Metrics;

namespace OllyStack.Query.PromQL.Evaluation;

// Range queries of one aggregation over a selector, or over a range function of one (sum by (x) (rate(m[5m])), the
// dashboard's commonest panel), stream the series: a few dozen at a time are read for the whole range, their rows
// computed for every step and folded into their groups, then dropped. Nothing the size of the selection is held, so
// the samples are still in the CPU's cache when they are used, and the cores each take a share of the series (or,
// with many groups, of the groups). Such an aggregation under topk or an operator is streamed the same way and handed
// on a block at a time (see StreamedRoot).
internal sealed partial class Evaluator
{
    /// <summary>Series read together: their samples over a day stay within the CPU's cache.</summary>
    private const int StreamSeriesPerChunk = 64;

    /// <summary>Rows of a chunk times steps: bounds what a chunk's block holds when the steps are many.</summary>
    private const int StreamCellsPerChunk = 1 << 20;

    /// <summary>Longer grids go block by block: a row per series for every step would not fit.</summary>
    private const long StreamMaxSteps = 11_000;

    /// <summary>Groups times steps the partial values may hold (12 bytes each); more groups go block by block.</summary>
    private const long StreamMaxGroupCells = 1 << 22;

    /// <summary>Groups per slice from which slices take whole groups into one fold rather than runs of series into a fold each.</summary>
    private const int GroupsPerSlice = 8;

    /// <summary>The range query's result when its expression streams (see above), else null.</summary>
    public MatrixValue? TryEvaluateRangeAsSeriesStreams(Expr expr)
    {
        var result = Unwrap(expr) is AggregateExpr aggregate
            ? TryStreamAggregation(aggregate) is { } fold ? GroupSeries(fold) : null
            : Streamed(() => TryStreamRows(expr));
        // Block by block, the same expression must not be tried again (see StreamedRoot).
        if (result is null) _streamedRoots[Unwrap(expr)] = null;
        return result;
    }

    /// <summary>The aggregation's value per group and step when it streams (see above), else null.</summary>
    private GroupFold? TryStreamAggregation(AggregateExpr aggregate)
    {
        if (_gridSteps > StreamMaxSteps || aggregate.Param is not null) return null;
        if (aggregate.Op is not (AggregationOp.Sum or AggregationOp.Count or AggregationOp.Min or AggregationOp.Max or AggregationOp.Avg or AggregationOp.Group))
            return null;
        // Over a selector or a range function of one only (RowOperandOf turns down any other call); a collision of
        // two series' labels is an error only at steps where both have a value: the block path tells.
        if (Unwrap(aggregate.Expr) is not (VectorSelector or Call) || RowOperandOf(aggregate.Expr) is not { } input) return null;
        var (groupOfSeries, groupKeys) = Groups(aggregate, input.Labels);
        if ((long)groupKeys.Count * _gridSteps > StreamMaxGroupCells) return null;
        return Streamed(() => StreamAggregation(aggregate.Op, input, groupOfSeries, groupKeys));
    }

    /// <summary>
    /// Runs a streamed evaluation, or gives it up (null, and what it counted forgotten) when it would hold more samples
    /// at once than the limit allows (it reads a chunk's whole range; block by block holds less) or an average overflowed.
    /// </summary>
    private T? Streamed<T>(Func<T?> stream) where T : class
    {
        if (_gridSteps > StreamMaxSteps) return null;
        var mark = _budget.Mark();
        try
        {
            return stream();
        }
        catch (Exception e) when (e is AverageOverflowException || (e is QueryLimitException && _budget.SamplesExceeded))
        {
            _budget.Restore(mark);
            return null;
        }
    }

    private GroupFold StreamAggregation(AggregationOp op, RowOperand input, int[] groupOfSeries, List<Labels> groupKeys)
    {
        var groups = groupKeys.Count;
        var steps = (int)_gridSteps;
        _budget.AddSeries(input.Found.Count);
        // Many groups: each slice folds whole groups, their cells its own in one shared fold, members in series order as
        // one thread would fold them. Few groups: each slice folds a run of series into a fold of its own (small then),
        // merged in series order afterwards.
        var slices = SliceCount(input.Found.Count);
        var byGroups = slices > 1 && groups >= slices * GroupsPerSlice;
        var seriesOfSlice = byGroups ? SeriesByGroupSlices(groupOfSeries, groups, slices) : SeriesRuns(input.Found.Count, slices);
        var shared = byGroups ? new GroupFold(groupKeys, steps) : null;
        var folds = new GroupFold[slices];
        RunSlices(slices, slice => folds[slice] = FoldSeries(op, input, seriesOfSlice[slice], groupOfSeries, shared ?? new GroupFold(groupKeys, steps)));
        var total = folds[0];
        if (!byGroups)
            for (var i = 1; i < folds.Length; i++) total.Merge(op, folds[i]);
        total.Finish(op);
        return total;
    }

    /// <summary>Reads <paramref name="series"/> a chunk at a time for the whole range and folds each row into its group's cells.</summary>
    private GroupFold FoldSeries(AggregationOp op, RowOperand input, List<int> series, int[] groupOfSeries, GroupFold fold)
    {
        var steps = (int)_gridSteps;
        var chunk = Math.Max(1, Math.Min(StreamSeriesPerChunk, StreamCellsPerChunk / steps));
        var block = new GridBlock(steps, Math.Min(chunk, Math.Max(1, series.Count)));
        using var arena = new SampleArena(pooled: true);
        for (var first = 0; first < series.Count; first += chunk)
        {
            _budget.ThrowIfCancelled();
            // The previous chunk's samples are folded and dropped: its room is used again.
            arena.Reset();
            var rows = series.GetRange(first, Math.Min(chunk, series.Count - first));
            var samples = ReadRows(input, rows, block, arena);
            for (var row = 0; row < block.Rows; row++) FoldRow(op, block, row, groupOfSeries[rows[row]] * steps, fold);
            lock (_budget) _budget.ReleaseSamples(samples);
        }
        return fold;
    }

    /// <summary>The series of each slice when slices take whole groups: consecutive groups with about as many members per slice.</summary>
    private static List<int>[] SeriesByGroupSlices(int[] groupOfSeries, int groups, int slices)
    {
        var members = new int[groups];
        foreach (var group in groupOfSeries) members[group]++;
        var sliceOfGroup = new int[groups];
        var (slice, seen) = (0, 0L);
        for (var group = 0; group < groups; group++)
        {
            sliceOfGroup[group] = slice;
            seen += members[group];
            if (seen * slices >= (long)groupOfSeries.Length * (slice + 1)) slice = Math.Min(slices - 1, slice + 1);
        }
        var series = Enumerable.Range(0, slices).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < groupOfSeries.Length; i++) series[sliceOfGroup[groupOfSeries[i]]].Add(i);
        return series;
    }

    /// <summary>The series of each slice when slices take runs of series.</summary>
    private static List<int>[] SeriesRuns(int count, int slices) =>
        Enumerable.Range(0, slices).Select(slice => Enumerable.Range(count * slice / slices, count * (slice + 1) / slices - count * slice / slices).ToList()).ToArray();

    private static void FoldRow(AggregationOp op, GridBlock block, int row, int groupStart, GroupFold fold)
    {
        var present = block.PresentOf(row);
        var values = block.ValuesOf(row);
        for (var k = 0; k < present.Length; k++)
            if (present[k]) fold.Add(op, groupStart + k, values[k]);
    }

    /// <summary>
    /// A finished fold as one series per group with a point wherever the group had members. The points of all groups
    /// share one array: a day's panel over a thousand hosts has over a million of them.
    /// </summary>
    private MatrixValue GroupSeries(GroupFold fold)
    {
        var groupKeys = fold.GroupKeys;
        var points = new Point[fold.Counts.Count(count => count > 0)];
        var result = new List<Series>(groupKeys.Count);
        var at = 0;
        for (var group = 0; group < groupKeys.Count; group++)
        {
            var first = at;
            for (var k = 0; k < fold.Steps; k++)
            {
                var cell = group * fold.Steps + k;
                if (fold.Counts[cell] > 0) points[at++] = new Point(StepTime(k), fold.Values[cell]);
            }
            if (at == first) continue;
            _budget.AddSamples(at - first);
            result.Add(new Series(groupKeys[group], new ArraySegment<Point>(points, first, at - first)));
        }
        result.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        return new MatrixValue(result);
    }

    /// <summary>A finished fold as a block over the whole grid, a row per group in order of first appearance, as block by block gives them.</summary>
    private GridBlock GroupBlock(GroupFold fold)
    {
        var present = new bool[fold.Counts.Length];
        var held = 0L;
        for (var cell = 0; cell < present.Length; cell++)
            if (fold.Counts[cell] > 0) (present[cell], held) = (true, held + 1);
        _budget.AddSamples(held);
        return new GridBlock(fold.Steps, fold.GroupKeys, fold.Values, present);
    }
}
