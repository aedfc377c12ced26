namespace OllyStack.Query.LogQL;

/// <summary>The patterns of a query and how many lines were mined; <see cref="Truncated"/> when older lines were left out.</summary>
public sealed record LogPatternResult(IReadOnlyList<LogPattern> Patterns, long LinesScanned, bool Truncated);
