using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// Hands out one <see cref="Labels"/> instance per distinct label set a query produces, found by hash and compared in
/// place, so lines whose labels come out the same allocate nothing and group by reference.
/// </summary>
internal sealed class LabelSetInterner
{
    private readonly Dictionary<int, List<Labels>> byHash = [];

    /// <summary>The label set of <paramref name="sorted"/> (sorted by name, unique; empty values are left out).</summary>
    public Labels Intern(ReadOnlySpan<(string Name, string Value)> sorted)
    {
        var hash = new HashCode();
        var count = 0;
        foreach (var (name, value) in sorted)
        {
            if (value.Length == 0) continue;
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
            count++;
        }
        var key = hash.ToHashCode();
        if (!byHash.TryGetValue(key, out var candidates)) byHash[key] = candidates = [];
        foreach (var candidate in candidates)
            if (SameAs(candidate, sorted, count)) return candidate;
        var pairs = new List<(string, string)>(count);
        foreach (var (name, value) in sorted)
            if (value.Length > 0) pairs.Add((name, value));
        var labels = Labels.Of(pairs);
        candidates.Add(labels);
        return labels;
    }

    private static bool SameAs(Labels labels, ReadOnlySpan<(string Name, string Value)> sorted, int count)
    {
        if (labels.Count != count) return false;
        var i = 0;
        foreach (var (name, value) in sorted)
        {
            if (value.Length == 0) continue;
            if (labels[i].Name != name || labels[i].Value != value) return false;
            i++;
        }
        return true;
    }
}
