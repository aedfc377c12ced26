namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// A streamed aggregation's running values per group and step (row-major by group: group g's step k is cell
/// <c>g * steps + k</c>), folded in series order; <see cref="Finish"/> turns them into the aggregation's values.
/// </summary>
internal sealed class GroupFold(List<Labels> groupKeys, int steps)
{
    /// <summary>The groups' label sets, in order of first appearance.</summary>
    public List<Labels> GroupKeys => groupKeys;

    public int Steps => steps;

    public double[] Values { get; } = new double[groupKeys.Count * steps];

    public int[] Counts { get; } = new int[groupKeys.Count * steps];

    public void Add(AggregationOp op, int cell, double value)
    {
        if (Counts[cell]++ == 0) Values[cell] = op is AggregationOp.Min or AggregationOp.Max ? double.NaN : 0;
        Values[cell] = AggregationFold.Fold(Running(op), Values[cell], value);
    }

    /// <summary>Folds a later slice's partial values into this one's.</summary>
    public void Merge(AggregationOp op, GroupFold later)
    {
        for (var cell = 0; cell < Counts.Length; cell++)
        {
            if (later.Counts[cell] == 0) continue;
            Values[cell] = Counts[cell] == 0 ? later.Values[cell] : AggregationFold.Fold(Running(op), Values[cell], later.Values[cell]);
            Counts[cell] += later.Counts[cell];
        }
    }

    /// <summary>Each cell with members gets the aggregation's value: the count, 1 for group, the mean for avg.</summary>
    /// <exception cref="AverageOverflowException">A sum of an average overflowed.</exception>
    public void Finish(AggregationOp op)
    {
        if (op is not (AggregationOp.Count or AggregationOp.Group or AggregationOp.Avg)) return;
        for (var cell = 0; cell < Counts.Length; cell++)
        {
            var count = Counts[cell];
            if (count == 0) continue;
            Values[cell] = op switch
            {
                AggregationOp.Count => count,
                AggregationOp.Group => 1,
                // Sum over count is Prometheus' mean as long as the sum stays finite; past that only its incremental mean will do.
                _ => double.IsFinite(Values[cell]) ? Values[cell] / count : throw new AverageOverflowException(),
            };
        }
    }

    /// <summary>How cells accumulate: an average as its sum.</summary>
    private static AggregationOp Running(AggregationOp op) => op == AggregationOp.Avg ? AggregationOp.Sum : op;
}
