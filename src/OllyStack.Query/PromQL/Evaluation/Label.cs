namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>One name/value pair of a series' label set.</summary>
public readonly record struct Label(string Name, string Value);
