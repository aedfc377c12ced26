namespace OllyStack.Query.LogQL.Syntax;

/// <summary><c>by (a, b)</c> keeps only the labels named; <c>without (a, b)</c> keeps all others.</summary>
public sealed record Grouping(bool Without, IReadOnlyList<string> Labels);
