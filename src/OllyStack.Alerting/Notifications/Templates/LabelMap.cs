using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>
/// Labels or annotations as templates see them (Alertmanager's KV): <c>.Labels.severity</c> reads a value ("" when
/// absent), <c>SortedPairs</c>, <c>Names</c>, <c>Values</c> and <c>Remove names</c> as in Alertmanager.
/// </summary>
public sealed class LabelMap(Labels labels) : ITemplateMap
{
    public Labels Labels { get; } = labels;

    public int Count => Labels.Count;

    public IEnumerable<KeyValuePair<string, object?>> Entries => Labels.Select(l => new KeyValuePair<string, object?>(l.Name, l.Value));

    public bool TryGetValue(string key, out object? value)
    {
        value = Labels.Get(key);
        return true;
    }

    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = (name, arguments.Count) switch
        {
            ("SortedPairs", 0) => new PairList(Labels.Select(l => new Pair(l.Name, l.Value))),
            ("Names", 0) => Labels.Select(l => (object?)l.Name).ToList(),
            ("Values", 0) => Labels.Select(l => (object?)l.Value).ToList(),
            ("Remove", 1) => new LabelMap(Labels.Remove(TemplateValues.AsList(arguments[0])?.Select(TemplateValues.Print).ToHashSet() ?? [])),
            (_, 0) => Labels.Get(name),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => TemplateValues.Print(this);
}

/// <summary>One label as <c>SortedPairs</c> yields it.</summary>
public sealed record Pair(string Name, string Value) : ITemplateObject
{
    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = (name, arguments.Count) switch
        {
            ("Name", 0) => Name,
            ("Value", 0) => Value,
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => "{" + Name + " " + Value + "}";
}

/// <summary>Label pairs in name order, with <c>Names</c> and <c>Values</c>.</summary>
public sealed class PairList(IEnumerable<Pair> pairs) : List<object?>(pairs), ITemplateObject
{
    public bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        value = (name, arguments.Count) switch
        {
            ("Names", 0) => this.Cast<Pair>().Select(p => (object?)p.Name).ToList(),
            ("Values", 0) => this.Cast<Pair>().Select(p => (object?)p.Value).ToList(),
            _ => null,
        };
        return value is not null;
    }
}
