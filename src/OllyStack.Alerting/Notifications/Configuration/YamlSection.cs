using System.Globalization;
using OllyStack.Query.PromQL;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>
/// One YAML mapping of the configuration, read field by field with errors that name the line and the field path. Every
/// key must be read or known: <see cref="Finish"/> refuses the rest, as Alertmanager's strict parsing does.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlSection(YamlMappingNode node, string path)
    {
        _node = node;
        Path = path;
    }

    public string Path { get; }

    public YamlNode Node => _node;

    public static YamlSection Of(YamlNode node, string path) =>
        node is YamlMappingNode mapping ? new YamlSection(mapping, path) : throw Error(node, path, "expected a mapping");

    public string FieldPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The value under <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlNode? Get(string key)
    {
        _read.Add(key);
        if (!_node.Children.TryGetValue(new YamlScalarNode(key), out var value)) return null;
        return IsNull(value) ? null : value;
    }

    public string? String(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        return node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(node, FieldPath(key), "expected a string");
    }

    public bool Bool(string key, bool defaultValue)
    {
        var node = Get(key);
        if (node is null) return defaultValue;
        return Scalar(node, key) switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            var text => throw Error(node, FieldPath(key), $"expected true or false, got \"{text}\""),
        };
    }

    public int Int(string key, int defaultValue, int minimum)
    {
        var node = Get(key);
        if (node is null) return defaultValue;
        var text = Scalar(node, key);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error(node, FieldPath(key), $"expected an integer, got \"{text}\"");
        return value >= minimum ? value : throw Error(node, FieldPath(key), $"must be at least {minimum}");
    }

    /// <summary>A Prometheus duration (<c>30s</c>, <c>1h30m</c>); null when absent.</summary>
    public TimeSpan? Duration(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        var text = Scalar(node, key);
        return DurationFormat.TryParse(text, out var duration, out var error) ? duration : throw Error(node, FieldPath(key), error);
    }

    public IReadOnlyList<(string Value, YamlNode Node)> Strings(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode sequence) throw Error(node, FieldPath(key), "expected a list");
        return sequence.Children.Select((item, i) => (Value: item is YamlScalarNode { Value: { } value } ? value
            : throw Error(item, $"{FieldPath(key)}[{i}]", "expected a string"), Node: item)).ToList();
    }

    public IReadOnlyList<(string Key, string Value, YamlNode Node)> StringMap(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlMappingNode mapping) throw Error(node, FieldPath(key), "expected a mapping of label names to values");
        return mapping.Children.Select(pair => (
            Key: ((YamlScalarNode)pair.Key).Value ?? "",
            Value: pair.Value is YamlScalarNode { Value: { } value } ? value : throw Error(pair.Value, $"{FieldPath(key)}.{pair.Key}", "expected a string"),
            Node: pair.Key)).ToList();
    }

    public YamlSection? Section(string key)
    {
        var node = Get(key);
        return node is null ? null : Of(node, FieldPath(key));
    }

    public IReadOnlyList<YamlSection> Sections(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode sequence) throw Error(node, FieldPath(key), "expected a list");
        return sequence.Children.Select((item, i) => Of(item, $"{FieldPath(key)}[{i}]")).ToList();
    }

    /// <summary>Refuses keys not read: Alertmanager settings OllyStack does not implement get their own message.</summary>
    public void Finish(Func<string, bool>? isUnsupported = null)
    {
        foreach (var (keyNode, value) in _node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (_read.Contains(key)) continue;
            if (isUnsupported?.Invoke(key) == true)
            {
                if (IsEmpty(value)) continue;
                throw Error(keyNode, FieldPath(key), "is not supported by OllyStack (see docs/alerting-notifications.md)");
            }
            throw Error(keyNode, FieldPath(key), "unknown field");
        }
    }

    public AlertmanagerConfigException Error(string key, string reason) => Error(Get(key) ?? _node, FieldPath(key), reason);

    public static AlertmanagerConfigException Error(YamlNode node, string path, string reason) =>
        new((int)node.Start.Line, (int)node.Start.Column, path, reason);

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, FieldPath(key), "expected a single value");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>An unsupported setting left empty (<c>templates: []</c>) asks for nothing, so it is let through.</summary>
    private static bool IsEmpty(YamlNode node) =>
        IsNull(node) || node is YamlSequenceNode { Children.Count: 0 } || node is YamlMappingNode { Children.Count: 0 };
}
