namespace OllyStack.Storage.Traces;

/// <summary>
/// Attribute lists equal by content, in order: how a resource is recognised, since spans decoded from different
/// blocks, or taken from different batches, carry their own arrays.
/// </summary>
public sealed class SpanAttributesComparer : IEqualityComparer<SpanAttribute[]>
{
    public static readonly SpanAttributesComparer Instance = new();

    public bool Equals(SpanAttribute[]? x, SpanAttribute[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(SpanAttribute[] obj)
    {
        var hash = new HashCode();
        foreach (var attribute in obj) hash.Add(attribute);
        return hash.ToHashCode();
    }
}
