using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>count</c> or <c>group</c> <c>by</c>/<c>without</c> over its
/// input's current values, folded group by group as PromQL folds them. Each input label set's group is remembered,
/// so a series seen before costs a lookup, not a new label set.
/// </summary>
internal sealed class AggregationNode(AggregationOp op, IReadOnlyCollection<string> grouping, bool without, VectorNode input) : VectorNode
{
    private readonly Dictionary<Labels, int> _slotOfLabels = [];
    private readonly Dictionary<Labels, int> _slotOfKey = [];
    private readonly List<Labels> _keys = [];
    private readonly List<int> _order = [];
    private readonly List<Sample> _result = [];
    private (double Value, int Count, MeanAccumulator Mean)[] _slots = [];

    public override List<Sample> Evaluate(long timeMs)
    {
        var samples = input.Evaluate(timeMs);
        // Series come and go: a cache of every label set ever seen would only grow.
        if (_slotOfLabels.Count > 2 * samples.Count + 1024) Forget();
        _order.Clear();
        foreach (var sample in samples)
        {
            var slot = SlotOf(sample.Labels);
            ref var group = ref _slots[slot];
            if (group.Count++ == 0)
            {
                _order.Add(slot);
                group.Value = op is AggregationOp.Min or AggregationOp.Max ? double.NaN : 0;
                group.Mean = default;
            }
            group.Value = AggregationFold.Fold(op, group.Value, sample.Value);
            if (op == AggregationOp.Avg) group.Mean.Add(sample.Value);
        }
        _result.Clear();
        foreach (var slot in _order)
        {
            ref var group = ref _slots[slot];
            var value = op switch
            {
                AggregationOp.Count => group.Count,
                AggregationOp.Group => 1,
                AggregationOp.Avg => group.Mean.Mean,
                _ => group.Value,
            };
            _result.Add(new Sample(_keys[slot], value));
            group.Count = 0;
        }
        return _result;
    }

    private int SlotOf(Labels labels)
    {
        if (_slotOfLabels.TryGetValue(labels, out var slot)) return slot;
        var key = VectorLabels.GroupingKey(labels, grouping, without);
        if (!_slotOfKey.TryGetValue(key, out slot))
        {
            slot = _keys.Count;
            _keys.Add(key);
            _slotOfKey[key] = slot;
            if (_slots.Length <= slot) Array.Resize(ref _slots, Math.Max(16, _slots.Length * 2));
        }
        _slotOfLabels[labels] = slot;
        return slot;
    }

    private void Forget()
    {
        _slotOfLabels.Clear();
        _slotOfKey.Clear();
        _keys.Clear();
    }
}
