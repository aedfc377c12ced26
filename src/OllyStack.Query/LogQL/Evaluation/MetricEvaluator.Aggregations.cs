using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

internal sealed partial class MetricEvaluator
{
    /// <summary>Vector aggregations with Prometheus semantics, step by step; <c>topk</c>/<c>bottomk</c> keep the samples' own labels.</summary>
    private StepValues EvaluateAggregation(VectorAggregationExpr expr)
    {
        if (Evaluate(expr.Inner) is not VectorSteps inner) throw new LogQLEvaluationException($"{expr.Op.Name()} needs a vector, not a scalar");
        var grouping = expr.Grouping;
        var names = new HashSet<string>(grouping?.Labels ?? [], StringComparer.Ordinal);
        var keys = new Dictionary<Labels, Labels>();
        Labels KeyOf(Labels labels)
        {
            if (grouping is null) return Labels.Empty;
            if (!keys.TryGetValue(labels, out var key)) keys[labels] = key = grouping.Without ? labels.Remove(names) : labels.Keep(names);
            return key;
        }

        var result = new List<Sample>[inner.Steps.Length];
        for (var i = 0; i < inner.Steps.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = expr.Op switch
            {
                VectorOp.Sort => [.. inner.Steps[i].OrderBy(s => s.Value, NaNLast.Ascending)],
                VectorOp.SortDesc => [.. inner.Steps[i].OrderBy(s => s.Value, NaNLast.Descending)],
                VectorOp.Topk or VectorOp.Bottomk => SelectK(inner.Steps[i], KeyOf, (int)expr.Parameter!.Value, expr.Op == VectorOp.Topk),
                _ => Reduce(inner.Steps[i], KeyOf, expr.Op),
            };
        }
        return new VectorSteps(result);
    }

    private static List<Sample> Reduce(List<Sample> samples, Func<Labels, Labels> keyOf, VectorOp op)
    {
        var groups = new Dictionary<Labels, List<double>>();
        foreach (var sample in samples)
        {
            var key = keyOf(sample.Labels);
            if (!groups.TryGetValue(key, out var values)) groups[key] = values = [];
            values.Add(sample.Value);
        }
        return [.. groups.Select(g => new Sample(g.Key, ReduceValues(op, g.Value)))];
    }

    private static double ReduceValues(VectorOp op, List<double> values)
    {
        switch (op)
        {
            case VectorOp.Sum: return values.Sum();
            case VectorOp.Count: return values.Count;
            case VectorOp.Min: return values.Aggregate(double.NaN, (min, v) => double.IsNaN(min) || v < min ? v : min);
            case VectorOp.Max: return values.Aggregate(double.NaN, (max, v) => double.IsNaN(max) || v > max ? v : max);
            case VectorOp.Avg:
                var mean = new MeanAccumulator();
                foreach (var value in values) mean.Add(value);
                return mean.Mean;
            default:
                var variance = new VarianceAccumulator();
                foreach (var value in values) variance.Add(value);
                return op == VectorOp.Stddev ? Math.Sqrt(variance.Variance) : variance.Variance;
        }
    }

    /// <summary>The k largest (or smallest) samples of each group, largest (smallest) first; NaN counts as least wanted.</summary>
    private static List<Sample> SelectK(List<Sample> samples, Func<Labels, Labels> keyOf, int k, bool top) =>
        [.. samples.GroupBy(s => keyOf(s.Labels))
            .SelectMany(g => g.OrderBy(s => s.Value, top ? NaNLast.Descending : NaNLast.Ascending).Take(k))];

    /// <summary>Orders values with NaN after every number, whichever the direction.</summary>
    private sealed class NaNLast(bool descending) : IComparer<double>
    {
        public static readonly NaNLast Ascending = new(false);
        public static readonly NaNLast Descending = new(true);

        public int Compare(double x, double y)
        {
            if (double.IsNaN(x) || double.IsNaN(y)) return double.IsNaN(x).CompareTo(double.IsNaN(y));
            return descending ? y.CompareTo(x) : x.CompareTo(y);
        }
    }
}
