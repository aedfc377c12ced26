namespace OllyStack.Core.Batches;

/// <summary>A run of rows in a child column (span events, span links).</summary>
public readonly record struct ItemRange(int Start, int Count);
