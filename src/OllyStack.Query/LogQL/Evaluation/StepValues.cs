using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>A metric expression's value at every step: a scalar (LogQL's are constant: literals and their arithmetic) or a vector per step.</summary>
internal abstract record StepValues;

internal sealed record ScalarSteps(double Value) : StepValues;

/// <summary>The samples of each step, indexed as the <see cref="StepGrid"/>.</summary>
internal sealed record VectorSteps(List<Sample>[] Steps) : StepValues
{
    public static VectorSteps Empty(int count) => new(Enumerable.Range(0, count).Select(_ => new List<Sample>()).ToArray());
}
