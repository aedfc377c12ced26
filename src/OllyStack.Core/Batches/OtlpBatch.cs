namespace OllyStack.Core.Batches;

/// <summary>A batch that keeps OpenTelemetry's resource / scope / attribute structure (logs and spans).</summary>
public abstract class OtlpBatch : TelemetryBatch
{
    public Column<KeyValueRef> Attributes { get; } = new();

    public Column<ResourceRef> Resources { get; } = new();

    public Column<ScopeRef> Scopes { get; } = new();

    public ReadOnlySpan<KeyValueRef> AttributesOf(AttributeRange range) => Attributes.Span.Slice(range.Start, range.Count);

    public void AddAttribute(ReadOnlySpan<byte> key, AnyValue value) => Attributes.Add(new KeyValueRef(Strings.Intern(key), value));

    /// <summary>The attributes added since <paramref name="start"/> (a value of <see cref="Attributes"/>.Count taken earlier).</summary>
    public AttributeRange RangeFrom(int start) => new(start, Attributes.Count - start);

    protected IColumn[] SharedColumns => [Strings, Attributes, Resources, Scopes];
}
