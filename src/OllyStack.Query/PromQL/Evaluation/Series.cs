namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>One element of a range vector (matrix): a series' labels and its points, ascending by time.</summary>
public sealed record Series(Labels Labels, IReadOnlyList<Point> Points);
