using OllyStack.Core.Batches;

namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>Compares span groups by the text of their names in the batch's heap, so equal names stored twice group together without a string per span.</summary>
internal sealed class SpanGroupComparer(Utf8Heap strings) : IEqualityComparer<SpanGroup>
{
    public bool Equals(SpanGroup x, SpanGroup y) =>
        x.Resource == y.Resource && x.StatusCode == y.StatusCode && x.Kind == y.Kind && strings[x.Name].SequenceEqual(strings[y.Name]);

    public int GetHashCode(SpanGroup group) =>
        HashCode.Combine(group.Resource, group.StatusCode, group.Kind, System.IO.Hashing.XxHash3.HashToUInt64(strings[group.Name]));
}
