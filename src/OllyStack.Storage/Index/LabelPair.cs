namespace OllyStack.Storage.Index;

/// <summary>A label as two symbol ids.</summary>
public readonly record struct LabelPair(uint Name, uint Value);
