using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Where the engine reads series from: one tenant's metric store, or a fixed set in tests.</summary>
public interface ISeriesSource
{
    /// <summary>
    /// The series all <paramref name="matchers"/> accept, each with its samples in [<paramref name="minMs"/>,
    /// <paramref name="maxMs"/>] (possibly none). Stale markers are returned as stored; the engine interprets them.
    /// </summary>
    IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs);
}
