using System.Globalization;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Writes a rule group as a Prometheus rule file of one group, as the rules API stores what it is sent. Multi-line
/// expressions and templates become literal blocks; a LogQL rule says <c>query_language: logql</c>, so reading the file
/// back gives the same group whatever the group around it declared.
/// </summary>
public static class RuleFileWriter
{
    public static string Write(RuleGroup group)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Scalar(emitter, "groups");
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        WriteGroup(emitter, group);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void WriteGroup(Emitter emitter, RuleGroup group)
    {
        emitter.Emit(new MappingStart());
        Field(emitter, "name", group.Name);
        if (group.Interval is { } interval) Field(emitter, "interval", DurationFormat.Format(interval));
        if (group.Limit > 0) Field(emitter, "limit", group.Limit.ToString(CultureInfo.InvariantCulture));
        if (group.QueryOffset is { } offset) Field(emitter, "query_offset", DurationFormat.Format(offset));
        Pairs(emitter, "labels", group.Labels);
        Scalar(emitter, "rules");
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        foreach (var rule in group.Rules) WriteRule(emitter, rule);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
    }

    private static void WriteRule(Emitter emitter, Rule rule)
    {
        emitter.Emit(new MappingStart());
        Field(emitter, rule.Kind == RuleKind.Alerting ? "alert" : "record", rule.Name);
        Field(emitter, "expr", rule.Query.Text);
        if (rule.Query.Language == QueryLanguage.LogQL) Field(emitter, "query_language", "logql");
        if (rule.For > TimeSpan.Zero) Field(emitter, "for", DurationFormat.Format(rule.For));
        if (rule.KeepFiringFor > TimeSpan.Zero) Field(emitter, "keep_firing_for", DurationFormat.Format(rule.KeepFiringFor));
        Pairs(emitter, "labels", rule.Labels);
        Pairs(emitter, "annotations", rule.Annotations);
        emitter.Emit(new MappingEnd());
    }

    private static void Pairs(Emitter emitter, string name, Labels pairs)
    {
        if (pairs.Count == 0) return;
        Scalar(emitter, name);
        emitter.Emit(new MappingStart());
        foreach (var pair in pairs) Field(emitter, pair.Name, pair.Value);
        emitter.Emit(new MappingEnd());
    }

    private static void Field(Emitter emitter, string name, string value)
    {
        Scalar(emitter, name);
        Scalar(emitter, value);
    }

    private static void Scalar(Emitter emitter, string value)
    {
        // Text that plain YAML would read as null is quoted, so an annotation "null" stays the word.
        var style = value.Contains('\n') ? ScalarStyle.Literal
            : value is "~" or "null" or "Null" or "NULL" ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));
    }
}
