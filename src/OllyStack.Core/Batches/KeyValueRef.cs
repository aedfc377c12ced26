namespace OllyStack.Core.Batches;

/// <summary>An attribute: key and value, both in the batch's heap.</summary>
public readonly record struct KeyValueRef(Utf8Ref Key, AnyValue Value);
