namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>A series a source found, by its source-specific id and its labels, before any of its samples are read.</summary>
public readonly record struct SeriesHandle(uint Id, Labels Labels);
