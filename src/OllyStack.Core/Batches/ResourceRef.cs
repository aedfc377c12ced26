namespace OllyStack.Core.Batches;

/// <summary>An OpenTelemetry resource: its attributes, how many the sender dropped, and its schema URL.</summary>
public readonly record struct ResourceRef(AttributeRange Attributes, uint DroppedAttributesCount, Utf8Ref SchemaUrl);
