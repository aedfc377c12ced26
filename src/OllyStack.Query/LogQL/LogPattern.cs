namespace OllyStack.Query.LogQL;

/// <summary>
/// A mined log template over a query's lines: its text (<c>&lt;*&gt;</c> where lines differ), how many lines it
/// covers, when it was first and last seen, and its line count per step (only steps with lines, by step start).
/// </summary>
public sealed record LogPattern(string Pattern, long Count, long FirstSeenUnixNano, long LastSeenUnixNano, IReadOnlyList<(long StepUnixNano, long Count)> Samples);
