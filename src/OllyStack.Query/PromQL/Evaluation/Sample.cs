namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>One element of an instant vector: a series' labels and its value at the evaluation time.</summary>
public readonly record struct Sample(Labels Labels, double Value);
