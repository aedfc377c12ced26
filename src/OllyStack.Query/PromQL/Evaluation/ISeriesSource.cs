using OllyStack.Storage.Metrics;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Where the engine reads series from: one tenant's metric store, or a fixed set in tests.</summary>
public interface ISeriesSource
{
    /// <summary>The series all <paramref name="matchers"/> accept, without their samples.</summary>
    IReadOnlyList<SeriesHandle> Find(IReadOnlyList<StorageMatcher> matchers);

    /// <summary>
    /// The found series, in the order given, each with its samples in [<paramref name="minMs"/>, <paramref name="maxMs"/>]
    /// (possibly none). Stale markers are returned as stored; the engine interprets them. Safe to call from several
    /// threads at once, each with its own <paramref name="arena"/> if any: the samples may then live in it, valid
    /// until it is reset.
    /// </summary>
    IReadOnlyList<StoredSeries> Read(IReadOnlyList<SeriesHandle> series, long minMs, long maxMs, SampleArena? arena = null);

    /// <summary>The series all <paramref name="matchers"/> accept, with their samples in [<paramref name="minMs"/>, <paramref name="maxMs"/>].</summary>
    IReadOnlyList<StoredSeries> Select(IReadOnlyList<StorageMatcher> matchers, long minMs, long maxMs) => Read(Find(matchers), minMs, maxMs);
}
