namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>A value whose fields and methods templates reach with <c>.Name</c> or <c>.Name arg...</c>.</summary>
public interface ITemplateObject
{
    /// <summary>False when the object has no member of that name (a template error), or not with those arguments.</summary>
    bool TryGetMember(string name, IReadOnlyList<object?> arguments, out object? value);
}

/// <summary>A string-keyed map, as Go templates range over and index it: entries in key order.</summary>
public interface ITemplateMap : ITemplateObject
{
    int Count { get; }

    IEnumerable<KeyValuePair<string, object?>> Entries { get; }

    bool TryGetValue(string key, out object? value);
}
