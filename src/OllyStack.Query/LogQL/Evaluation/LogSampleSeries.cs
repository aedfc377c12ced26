using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>One series of a range aggregation's samples: its labels and its samples' times and values, in time order.</summary>
public readonly record struct LogSampleSeries(Labels Labels, ReadOnlyMemory<long> Times, ReadOnlyMemory<double> Values);
