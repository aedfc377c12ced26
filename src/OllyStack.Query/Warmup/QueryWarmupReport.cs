namespace OllyStack.Query.Warmup;

/// <summary>
/// What a warm-up did: rounds over its query set, queries evaluated, how many of them answered nothing (each should
/// answer something, or it warmed less than it seems), points answered, and how long it took.
/// </summary>
public sealed record QueryWarmupReport(int Rounds, int Evaluations, int EmptyAnswers, long Points, TimeSpan Elapsed);
