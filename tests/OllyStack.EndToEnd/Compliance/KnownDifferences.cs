namespace OllyStack.EndToEnd.Compliance;

/// <summary>
/// Compliance queries whose OllyStack answer differs from Prometheus 2.42's for an understood reason, each with that
/// reason (docs/promql-compliance.md explains them at more length). The compliance test fails on any other difference.
/// </summary>
internal static class KnownDifferences
{
    public static IReadOnlyDictionary<string, string> ByQuery { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };
}
