using OllyStack.Query.PromQL;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Reads the fields of a rule file's YAML mappings as Prometheus' strict decoder does — unknown fields are errors —
/// reporting what is wrong at the node where it is. Readers return null (or a default) after reporting.
/// </summary>
internal static class YamlFields
{
    /// <summary>The mapping's fields by name; unknown and repeated names are reported and left out.</summary>
    public static Dictionary<string, (YamlNode Key, YamlNode Value)> Read(YamlMappingNode mapping, IReadOnlySet<string> known, string what, RuleErrorScope errors)
    {
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
                errors.Report(key, $"field {name} not found in {what} (known fields: {string.Join(", ", known)})");
            else if (!fields.TryAdd(name, (key, value)))
                errors.Report(key, $"field {name} is repeated");
        }
        return fields;
    }

    /// <summary>Plain empty, <c>~</c> and <c>null</c> scalars are YAML's null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>A scalar's text ("" for null), or null after reporting a mapping or sequence where text belongs.</summary>
    public static string? Text(YamlNode node, string field, RuleErrorScope errors)
    {
        if (IsNull(node)) return "";
        if (node is YamlScalarNode scalar) return scalar.Value ?? "";
        errors.Report(node, $"{field} must be a string, not a {Describe(node)}");
        return null;
    }

    /// <summary>A Prometheus duration (<c>5m</c>, <c>1h30m</c>, <c>0</c>); zero when null.</summary>
    public static TimeSpan? Duration(YamlNode node, string field, RuleErrorScope errors)
    {
        var text = Text(node, field, errors);
        if (text is null) return null;
        if (text is "" or "0") return TimeSpan.Zero;
        if (DurationFormat.TryParse(text, out var duration, out _)) return duration;
        errors.Report(node, $"{field}: not a valid duration string: \"{text}\" (use a number and a unit: ms, s, m, h, d, w, y)");
        return null;
    }

    public static int? NonNegativeInteger(YamlNode node, string field, RuleErrorScope errors)
    {
        var text = Text(node, field, errors);
        if (text is null) return null;
        if (text.Length == 0) return 0;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        errors.Report(node, $"{field} must be a non-negative integer, not \"{text}\"");
        return null;
    }

    /// <summary>The query language a rule or group names; null when it names none, or after reporting a bad one.</summary>
    public static QueryLanguage? Language(YamlNode node, RuleErrorScope errors)
    {
        var text = Text(node, "query_language", errors);
        switch (text?.ToLowerInvariant())
        {
            case null or "": return null;
            case "promql": return QueryLanguage.PromQL;
            case "logql": return QueryLanguage.LogQL;
            default:
                errors.Report(node, $"query_language must be promql or logql, not \"{text}\"");
                return null;
        }
    }

    /// <summary>A mapping of names to text (labels, annotations), names checked as label names.</summary>
    public static List<(string Name, string Value, YamlNode ValueNode)>? Pairs(YamlNode node, string field, string nameKind, RuleErrorScope errors)
    {
        if (IsNull(node)) return [];
        if (node is not YamlMappingNode mapping)
        {
            errors.Report(node, $"{field} must be a mapping of names to values, not a {Describe(node)}");
            return null;
        }
        var pairs = new List<(string, string, YamlNode)>();
        var before = errors.Count;
        foreach (var (key, value) in mapping.Children)
        {
            var name = Text(key, $"a name in {field}", errors);
            var text = Text(value, $"{field} {name}", errors);
            if (name is null || text is null) continue;
            if (!RuleNames.IsLabelName(name) || (nameKind == "label" && name == "__name__"))
                errors.Report(key, $"invalid {nameKind} name: {name}");
            else pairs.Add((name, text, value));
        }
        return errors.Count == before ? pairs : null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
