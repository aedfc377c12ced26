using OllyStack.Query.LogQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Tests.LogQL;

/// <summary>One <c>eval</c> of a LogQL script: the data loaded before it, the query and how to run it, and what it must give.</summary>
internal sealed record LogScriptCase(string File, int Line, InMemoryLogSource Data, string Query, LogScriptCase.Mode Kind)
{
    public enum Mode
    {
        Logs,
        Instant,
        Range,
    }

    public long StartUnixNano { get; init; }

    public long EndUnixNano { get; init; }

    public long StepNano { get; init; }

    public int Limit { get; init; } = 1000;

    public LogDirection Direction { get; init; } = LogDirection.Backward;

    public bool ShouldFail { get; init; }

    public string? ExpectedError { get; init; }

    /// <summary>Whether samples must come in the order written (after sort/sort_desc); otherwise both sides are sorted by labels.</summary>
    public bool Ordered { get; init; }

    public List<(Labels Labels, List<(long Time, string Line)> Entries)> Streams { get; } = [];

    public double? Scalar { get; set; }

    /// <summary>Instant: one value per series; range: one per step, null where the series has no point.</summary>
    public List<(Labels Labels, double?[] Values)> Series { get; } = [];
}
