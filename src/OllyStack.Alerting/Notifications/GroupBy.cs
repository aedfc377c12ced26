using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications;

/// <summary>The labels a route groups alerts by: named ones, or all of them (<c>group_by: ['...']</c>).</summary>
public sealed class GroupBy
{
    private readonly HashSet<string> _names;

    private GroupBy(bool all, IEnumerable<string> names)
    {
        All = all;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    public static GroupBy Everything { get; } = new(true, []);

    public static GroupBy Nothing { get; } = new(false, []);

    public bool All { get; }

    public IReadOnlyCollection<string> Names => _names;

    public static GroupBy Labels(IEnumerable<string> names) => new(false, names);

    /// <summary>The group labels of an alert with these labels.</summary>
    public Labels Apply(Labels labels) => All ? labels : labels.Keep(_names);
}
