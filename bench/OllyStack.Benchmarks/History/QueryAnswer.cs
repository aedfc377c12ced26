namespace OllyStack.Benchmarks.History;

/// <summary>One query's answer as far as a latency comparison needs it: how long, how much came back, or why not.</summary>
public sealed record QueryAnswer(double Milliseconds, int Series, long Points, double FirstValue, string? Error);
