using System.Globalization;

namespace OllyStack.Query.PromQL.Evaluation;

// Aggregation operators: grouping by/without and each operator's reduction.
internal sealed partial class Evaluator
{
    private VectorValue EvaluateAggregate(AggregateExpr aggregate, long timeMs)
    {
        double parameter = 0;
        string? valueLabel = null;
        if (aggregate.Op == AggregationOp.CountValues)
        {
            valueLabel = EvaluateString(aggregate.Param!, timeMs);
            if (!IsValidLabelName(valueLabel)) throw new PromQLEvaluationException($"invalid label name \"{valueLabel}\"");
        }
        else if (aggregate.Param is not null)
        {
            parameter = EvaluateScalar(aggregate.Param, timeMs);
        }

        var input = EvaluateVector(aggregate.Expr, timeMs);
        if (FoldsAsItGoes(aggregate.Op)) return FoldAggregate(aggregate, input, timeMs);
        if (!_groupingKeys.TryGetValue(aggregate, out var keys)) _groupingKeys[aggregate] = keys = [];
        var groups = new Dictionary<Labels, List<Sample>>();
        var order = new List<Labels>();
        foreach (var sample in input.Samples)
        {
            var key = GroupingKey(sample.Labels, aggregate, keys);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }
            members.Add(sample);
        }

        var result = new List<Sample>();
        foreach (var key in order)
        {
            var members = groups[key];
            switch (aggregate.Op)
            {
                case AggregationOp.Topk:
                case AggregationOp.Bottomk:
                    result.AddRange(Extremes(members, m => m.Value, parameter, largest: aggregate.Op == AggregationOp.Topk));
                    break;
                case AggregationOp.CountValues:
                    foreach (var counted in members.GroupBy(m => FormatValue(m.Value)))
                        result.Add(new Sample(key.With(valueLabel!, counted.Key), counted.Count()));
                    break;
                default:
                    result.Add(new Sample(key, Reduce(aggregate.Op, members, parameter)));
                    break;
            }
        }
        return new VectorValue(timeMs, result);
    }

    /// <summary>
    /// Each aggregation's grouping key of each input label set, kept across the steps of a range query, where the
    /// same series are grouped again at every step. Keyed by node identity: hashing a record would walk its subtree.
    /// </summary>
    private readonly Dictionary<AggregateExpr, Dictionary<Labels, Labels>> _groupingKeys = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each series' (or block row's) group, numbered in order of first appearance, and the groups' label sets.</summary>
    private (int[] GroupOfSeries, List<Labels> GroupKeys) Groups(AggregateExpr aggregate, IReadOnlyList<Labels> labels)
    {
        if (!_groupingKeys.TryGetValue(aggregate, out var known)) _groupingKeys[aggregate] = known = [];
        var groupOfKey = new Dictionary<Labels, int>();
        var groupKeys = new List<Labels>();
        var groupOfSeries = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var key = GroupingKey(labels[i], aggregate, known);
            if (!groupOfKey.TryGetValue(key, out var group))
            {
                groupOfKey[key] = group = groupKeys.Count;
                groupKeys.Add(key);
            }
            groupOfSeries[i] = group;
        }
        return (groupOfSeries, groupKeys);
    }

    /// <summary>The group of <paramref name="labels"/> (<see cref="VectorLabels.GroupingKey"/>), remembered.</summary>
    private static Labels GroupingKey(Labels labels, AggregateExpr aggregate, Dictionary<Labels, Labels> known)
    {
        if (known.TryGetValue(labels, out var key)) return key;
        key = VectorLabels.GroupingKey(labels, aggregate.Grouping, aggregate.Without);
        known[labels] = key;
        return key;
    }

    private static double Reduce(AggregationOp op, List<Sample> members, double parameter)
    {
        switch (op)
        {
            case AggregationOp.Sum:
                return members.Sum(m => m.Value);
            case AggregationOp.Avg:
                return Mean(members.Select(m => m.Value).ToArray());
            case AggregationOp.Count:
                return members.Count;
            case AggregationOp.Group:
                return 1;
            case AggregationOp.Min:
                return members.Select(m => m.Value).Aggregate(double.NaN, (min, v) => v < min || double.IsNaN(min) ? v : min);
            case AggregationOp.Max:
                return members.Select(m => m.Value).Aggregate(double.NaN, (max, v) => v > max || double.IsNaN(max) ? v : max);
            case AggregationOp.Stddev:
                return Math.Sqrt(PopulationVariance(members.Select(m => m.Value).ToArray()));
            case AggregationOp.Stdvar:
                return PopulationVariance(members.Select(m => m.Value).ToArray());
            case AggregationOp.Quantile:
                return Quantiles.Of(parameter, members.Select(m => m.Value).ToList());
            default:
                throw new PromQLEvaluationException($"unknown aggregation {op.Name()}");
        }
    }

    internal static double Mean(ReadOnlySpan<double> values)
    {
        var mean = new MeanAccumulator();
        foreach (var value in values) mean.Add(value);
        return mean.Mean;
    }

    internal static double PopulationVariance(ReadOnlySpan<double> values)
    {
        var variance = new VarianceAccumulator();
        foreach (var value in values) variance.Add(value);
        return variance.Variance;
    }

    /// <summary>The k largest (or smallest) members by <paramref name="valueOf"/>; NaN ranks below every number for both, ties keep member order.</summary>
    private static IEnumerable<T> Extremes<T>(List<T> members, Func<T, double> valueOf, double k, bool largest)
    {
        if (double.IsNaN(k) || k < 1) return [];
        var take = k >= members.Count ? members.Count : (int)k;
        var ordered = largest
            ? members.OrderByDescending(m => double.IsNaN(valueOf(m)) ? double.NegativeInfinity : valueOf(m)).ThenBy(m => double.IsNaN(valueOf(m)))
            : members.OrderBy(m => double.IsNaN(valueOf(m)) ? double.PositiveInfinity : valueOf(m)).ThenBy(m => double.IsNaN(valueOf(m)));
        return ordered.Take(take);
    }

    /// <summary>A float as Go's strconv.FormatFloat(v, 'f', -1, 64) writes it: shortest round-trip form, no exponent.</summary>
    internal static string FormatValue(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E')) return text;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact.ToString(CultureInfo.InvariantCulture)
            : value.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static bool IsValidLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
