using OllyStack.Alerting.Rules.Templates;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Reads and validates one entry of a group's <c>rules:</c> as <c>promtool check rules</c> does: exactly one of
/// <c>alert</c> and <c>record</c>, an <c>expr</c> that parses, a valid metric name to record as, no <c>for</c>,
/// <c>keep_firing_for</c> or annotations on a recording rule, valid label and annotation names, templates that parse.
/// </summary>
internal static class RuleParser
{
    private static readonly IReadOnlySet<string> Fields = new SortedSet<string>(StringComparer.Ordinal)
    {
        "alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations", "query_language",
    };

    /// <summary>The rule, or null when it has errors (all reported).</summary>
    public static Rule? Parse(YamlNode node, int number, QueryLanguage? groupLanguage, RuleErrorScope groupErrors)
    {
        if (node is not YamlMappingNode mapping)
        {
            groupErrors.ForRule(number, "").Report(node, $"a rule must be a mapping with alert or record and expr, not a {YamlFields.Describe(node)}");
            return null;
        }
        var alert = ScalarField(mapping, "alert");
        var record = ScalarField(mapping, "record");
        var errors = groupErrors.ForRule(number, alert is { Length: > 0 } ? alert : record ?? "");
        var fields = YamlFields.Read(mapping, Fields, "rule", errors);
        var kind = Kind(mapping, alert, record, errors);
        var name = kind == RuleKind.Alerting ? alert! : record ?? "";
        var query = Query(mapping, fields, groupLanguage, errors);
        var @for = Optional(fields, "for", node => YamlFields.Duration(node, "for", errors));
        var keepFiringFor = Optional(fields, "keep_firing_for", node => YamlFields.Duration(node, "keep_firing_for", errors));
        var templated = kind == RuleKind.Alerting;
        var labels = Templates(fields, "labels", "label", templated, errors);
        var annotations = Templates(fields, "annotations", "annotation", templated, errors);
        if (kind == RuleKind.Recording) CheckRecording(fields["record"].Value, name, @for, keepFiringFor, annotations, errors);
        if (errors.Count > 0 || kind is null || query is null || labels is null || annotations is null) return null;
        return new Rule(kind.Value, name, query, @for ?? TimeSpan.Zero, keepFiringFor ?? TimeSpan.Zero, labels, annotations);
    }

    private static string? ScalarField(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is YamlScalarNode scalar && !YamlFields.IsNull(scalar) ? scalar.Value : null;

    private static RuleKind? Kind(YamlMappingNode mapping, string? alert, string? record, RuleErrorScope errors)
    {
        var hasAlert = !string.IsNullOrEmpty(alert);
        var hasRecord = !string.IsNullOrEmpty(record);
        if (hasAlert && hasRecord) errors.Report(mapping, "only one of 'record' and 'alert' must be set");
        else if (!hasAlert && !hasRecord) errors.Report(mapping, "one of 'record' or 'alert' must be set");
        else return hasAlert ? RuleKind.Alerting : RuleKind.Recording;
        return null;
    }

    private static void CheckRecording(
        YamlNode at, string name, TimeSpan? @for, TimeSpan? keepFiringFor, List<(string, AlertTemplate)>? annotations, RuleErrorScope errors)
    {
        // A PromQL selector where the name belongs is a common slip; say so rather than only "invalid name".
        if (name.Contains('{') || name.Contains('}'))
            errors.Report(at, $"braces present in the recording rule name; should it be in expr?: {name}");
        else if (!RuleNames.IsMetricName(name)) errors.Report(at, $"invalid recording rule name: {name}");
        if (@for is { } f && f != TimeSpan.Zero) errors.Report(at, "invalid field 'for' in recording rule");
        if (keepFiringFor is { } k && k != TimeSpan.Zero) errors.Report(at, "invalid field 'keep_firing_for' in recording rule");
        if (annotations is { Count: > 0 }) errors.Report(at, "invalid field 'annotations' in recording rule");
    }

    private static RuleQuery? Query(YamlMappingNode rule, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, QueryLanguage? groupLanguage, RuleErrorScope errors)
    {
        var language = fields.TryGetValue("query_language", out var declared) ? YamlFields.Language(declared.Value, errors) : null;
        if (!fields.TryGetValue("expr", out var expr))
        {
            errors.Report(rule, "field 'expr' must be set in rule");
            return null;
        }
        var text = YamlFields.Text(expr.Value, "expr", errors);
        if (text is null) return null;
        if (text.Trim().Length == 0)
        {
            errors.Report(expr.Value, "field 'expr' must be set in rule");
            return null;
        }
        try
        {
            return RuleQueryParser.Parse(text, language ?? groupLanguage);
        }
        catch (RuleQueryException e)
        {
            errors.Report(expr.Value, e.Message);
            return null;
        }
    }

    private static T? Optional<T>(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string field, Func<YamlNode, T?> read) where T : struct =>
        fields.TryGetValue(field, out var present) ? read(present.Value) : null;

    /// <summary>Labels or annotations; an alerting rule's values are templates and must parse.</summary>
    private static List<(string Name, AlertTemplate Template)>? Templates(
        Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string field, string nameKind, bool templated, RuleErrorScope errors)
    {
        if (!fields.TryGetValue(field, out var present)) return [];
        var pairs = YamlFields.Pairs(present.Value, field, nameKind, errors);
        if (pairs is null) return null;
        var templates = new List<(string, AlertTemplate)>(pairs.Count);
        foreach (var (name, value, valueNode) in pairs)
        {
            if (!templated)
            {
                templates.Add((name, AlertTemplate.Literal(value)));
                continue;
            }
            try
            {
                templates.Add((name, AlertTemplate.Parse(value)));
            }
            catch (TemplateParseException e)
            {
                errors.Report(valueNode, $"{nameKind} \"{name}\": template: {e.Message}");
            }
        }
        return templates.Count == pairs.Count ? templates : null;
    }
}
