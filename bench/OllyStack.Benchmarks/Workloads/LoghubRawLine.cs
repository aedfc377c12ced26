namespace OllyStack.Benchmarks.Workloads;

/// <summary>A raw log line and its level word, if it has one.</summary>
public sealed record LoghubRawLine(string Text, string? Level);
