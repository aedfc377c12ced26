using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Matching;

/// <summary>A conjunction of matchers, sorted as Alertmanager sorts a route's, so equal sets print (and key groups) alike.</summary>
public sealed class Matchers
{
    private readonly Matcher[] _matchers;

    public Matchers(IEnumerable<Matcher> matchers)
    {
        _matchers = matchers
            .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Type).ThenBy(m => m.Value, StringComparer.Ordinal)
            .ToArray();
    }

    public int Count => _matchers.Length;

    public bool Matches(Labels labels)
    {
        foreach (var matcher in _matchers)
            if (!matcher.Matches(labels.Get(matcher.Name))) return false;
        return true;
    }

    /// <summary><c>{a="b",c=~"d"}</c>: the form a route's part of a group key takes.</summary>
    public override string ToString() => "{" + string.Join(',', _matchers.Select(m => m.ToString())) + "}";
}
