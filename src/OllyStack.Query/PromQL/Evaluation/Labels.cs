using System.Text;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// An immutable label set sorted by name (ordinal), without empty values, as Prometheus identifies a series. The hash
/// is computed once, so label sets are cheap dictionary keys for grouping and vector matching.
/// </summary>
public sealed class Labels : IEquatable<Labels>, IComparable<Labels>, IReadOnlyList<Label>
{
    public const string MetricName = "__name__";

    private readonly Label[] _labels;
    private readonly int _hash;

    // Memoised: range queries drop the metric name of the same series at every step. Racing writers store equal values.
    private Labels? _withoutMetricName;

    private Labels(Label[] sortedLabels)
    {
        _labels = sortedLabels;
        var hash = new HashCode();
        foreach (var label in sortedLabels)
        {
            hash.Add(label.Name, StringComparer.Ordinal);
            hash.Add(label.Value, StringComparer.Ordinal);
        }
        _hash = hash.ToHashCode();
    }

    public static Labels Empty { get; } = new([]);

    public int Count => _labels.Length;

    public Label this[int index] => _labels[index];

    /// <summary>Builds a label set from pairs in any order; empty values are dropped and a repeated name keeps its last value.</summary>
    public static Labels Of(IEnumerable<(string Name, string Value)> pairs)
    {
        var labels = pairs.Select(p => new Label(p.Name, p.Value)).ToArray();
        // Series keys from storage come sorted, unique and without empty values: nothing to do but check.
        if (IsSortedUniqueAndNonEmpty(labels)) return new Labels(labels);
        // A stable sort keeps repeated names in input order, so the last one can win below.
        var sorted = labels.Select((label, index) => (label, index))
            .OrderBy(x => x.label.Name, StringComparer.Ordinal).ThenBy(x => x.index).Select(x => x.label).ToArray();
        var unique = new List<Label>(sorted.Length);
        foreach (var label in sorted)
        {
            if (unique.Count > 0 && unique[^1].Name == label.Name) unique[^1] = label;
            else unique.Add(label);
        }
        return FromSorted(unique.Where(l => l.Value.Length > 0));
    }

    public static Labels Of(params (string Name, string Value)[] pairs) => Of((IEnumerable<(string, string)>)pairs);

    /// <summary>The value of <paramref name="name"/>, or "" when the set has no such label (Prometheus' absent = empty).</summary>
    public string Get(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? _labels[index].Value : "";
    }

    /// <summary>This set with <paramref name="name"/> set to <paramref name="value"/>; an empty value removes the label.</summary>
    public Labels With(string name, string value)
    {
        var index = IndexOf(name);
        if (value.Length == 0) return index < 0 ? this : Without(name);
        if (index >= 0)
        {
            if (_labels[index].Value == value) return this;
            var copy = (Label[])_labels.Clone();
            copy[index] = new Label(name, value);
            return new Labels(copy);
        }
        var insertAt = ~index;
        var grown = new Label[_labels.Length + 1];
        Array.Copy(_labels, grown, insertAt);
        grown[insertAt] = new Label(name, value);
        Array.Copy(_labels, insertAt, grown, insertAt + 1, _labels.Length - insertAt);
        return new Labels(grown);
    }

    public Labels Without(string name) => IndexOf(name) < 0 ? this : FromSorted(_labels.Where(l => l.Name != name));

    /// <summary>The set without the metric name, as arithmetic, aggregation and most functions produce.</summary>
    public Labels WithoutMetricName() => _withoutMetricName ??= Without(MetricName);

    /// <summary>Only the labels named in <paramref name="names"/>.</summary>
    public Labels Keep(IReadOnlyCollection<string> names) => FromSorted(_labels.Where(l => names.Contains(l.Name)));

    /// <summary>All labels except those named in <paramref name="names"/>.</summary>
    public Labels Remove(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? this : FromSorted(_labels.Where(l => !names.Contains(l.Name)));

    public bool Equals(Labels? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._labels.Length != _labels.Length) return false;
        for (var i = 0; i < _labels.Length; i++)
            if (!string.Equals(_labels[i].Name, other._labels[i].Name, StringComparison.Ordinal)
                || !string.Equals(_labels[i].Value, other._labels[i].Value, StringComparison.Ordinal)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Labels);

    /// <summary>Prometheus' order of series in results: label by label, name before value, a prefix first.</summary>
    public int CompareTo(Labels? other)
    {
        if (other is null) return 1;
        var common = Math.Min(_labels.Length, other._labels.Length);
        for (var i = 0; i < common; i++)
        {
            var order = string.CompareOrdinal(_labels[i].Name, other._labels[i].Name);
            if (order != 0) return order;
            order = string.CompareOrdinal(_labels[i].Value, other._labels[i].Value);
            if (order != 0) return order;
        }
        return _labels.Length.CompareTo(other._labels.Length);
    }

    public override int GetHashCode() => _hash;

    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    /// <summary>Prometheus' notation of a label set, as its error messages print it: <c>{__name__="up", job="api"}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < _labels.Length; i++)
        {
            if (i > 0) text.Append(", ");
            var value = _labels[i].Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
            text.Append(_labels[i].Name).Append("=\"").Append(value).Append('"');
        }
        return text.Append('}').ToString();
    }

    private static Labels FromSorted(IEnumerable<Label> sorted) => new(sorted.ToArray());

    private static bool IsSortedUniqueAndNonEmpty(Label[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i].Value.Length == 0) return false;
            if (i > 0 && string.CompareOrdinal(labels[i - 1].Name, labels[i].Name) >= 0) return false;
        }
        return true;
    }

    /// <summary>The index of <paramref name="name"/>, or the bitwise complement of where it would be inserted.</summary>
    private int IndexOf(string name)
    {
        int low = 0, high = _labels.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(_labels[mid].Name, name);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
