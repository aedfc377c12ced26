using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// One <c>eval</c> command of a test script with the data loaded before it: the query, when, and either the expected
/// result (series lines or a scalar) or, for <c>eval_fail</c>, an optional part of the expected error message.
/// </summary>
internal sealed record ScriptCase(
    string File,
    int Line,
    InMemorySeriesSource Data,
    string Query,
    long TimeMs,
    bool ShouldFail,
    string? ExpectedError,
    bool Ordered,
    double? ExpectedScalar,
    IReadOnlyList<(Labels Labels, double Value)> ExpectedSamples)
{
    public override string ToString() => $"{File}:{Line}";
}
