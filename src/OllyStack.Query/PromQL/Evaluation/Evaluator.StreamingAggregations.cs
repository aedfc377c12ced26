namespace OllyStack.Query.PromQL.Evaluation;

// sum, count, min, max and group fold each sample into its group's running value as it comes, instead of collecting
// the members per group first: a dashboard's "sum by (instance)" over thousands of series runs at every step.
internal sealed partial class Evaluator
{
    /// <summary>Per aggregation node, each input label set's group slot, kept across the steps of a range query.</summary>
    private readonly Dictionary<AggregateExpr, GroupSlots> _groupSlots = new(ReferenceEqualityComparer.Instance);

    private sealed class GroupSlots
    {
        public Dictionary<Labels, int> SlotOf { get; } = [];

        public Dictionary<Labels, int> SlotOfKey { get; } = [];

        public List<Labels> Keys { get; } = [];
    }

    private static bool FoldsAsItGoes(AggregationOp op) =>
        op is AggregationOp.Sum or AggregationOp.Count or AggregationOp.Min or AggregationOp.Max or AggregationOp.Group;

    /// <summary>The aggregation of <paramref name="input"/>, groups in order of their first member, as the collecting path gives it.</summary>
    private VectorValue FoldAggregate(AggregateExpr aggregate, VectorValue input, long timeMs)
    {
        if (!_groupSlots.TryGetValue(aggregate, out var slots)) _groupSlots[aggregate] = slots = new GroupSlots();
        if (!_groupingKeys.TryGetValue(aggregate, out var keys)) _groupingKeys[aggregate] = keys = [];
        var values = new double[slots.Keys.Count + input.Samples.Count];
        var counts = new int[values.Length];
        var order = new List<int>();
        foreach (var sample in input.Samples)
        {
            // A step adds at most one slot per sample, so the arrays sized above hold every slot.
            var slot = SlotOf(sample.Labels, aggregate, slots, keys);
            if (counts[slot]++ == 0)
            {
                order.Add(slot);
                values[slot] = aggregate.Op is AggregationOp.Min or AggregationOp.Max ? double.NaN : 0;
            }
            values[slot] = AggregationFold.Fold(aggregate.Op, values[slot], sample.Value);
        }
        var result = new List<Sample>(order.Count);
        foreach (var slot in order)
        {
            var value = aggregate.Op switch
            {
                AggregationOp.Count => counts[slot],
                AggregationOp.Group => 1,
                _ => values[slot],
            };
            result.Add(new Sample(slots.Keys[slot], value));
        }
        return new VectorValue(timeMs, result);
    }

    private static int SlotOf(Labels labels, AggregateExpr aggregate, GroupSlots slots, Dictionary<Labels, Labels> keys)
    {
        if (slots.SlotOf.TryGetValue(labels, out var slot)) return slot;
        var key = GroupingKey(labels, aggregate, keys);
        if (!slots.SlotOfKey.TryGetValue(key, out slot))
        {
            slot = slots.Keys.Count;
            slots.Keys.Add(key);
            slots.SlotOfKey[key] = slot;
        }
        slots.SlotOf[labels] = slot;
        return slot;
    }
}
