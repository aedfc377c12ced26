using OllyStack.Core.Batches;

namespace OllyStack.Core.Metrics;

/// <summary>A label pair of a series, both strings in the batch's heap.</summary>
public readonly record struct LabelRef(Utf8Ref Name, Utf8Ref Value);
