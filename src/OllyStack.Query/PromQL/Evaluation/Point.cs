namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>One value of a series at a time, in Unix milliseconds.</summary>
public readonly record struct Point(long TimestampMs, double Value);
