namespace OllyStack.Core.Batches;

/// <summary>An OpenTelemetry instrumentation scope: name, version, attributes and schema URL.</summary>
public readonly record struct ScopeRef(Utf8Ref Name, Utf8Ref Version, AttributeRange Attributes, uint DroppedAttributesCount, Utf8Ref SchemaUrl);
