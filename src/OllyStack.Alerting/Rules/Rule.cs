using OllyStack.Alerting.Rules.Templates;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// One alerting or recording rule of a group, validated and parsed. Rules are immutable and compared by reference:
/// a reload keeps the same instance for a rule whose definition did not change, so the engine can keep its state
/// (pending and firing alerts, window state) by instance.
/// </summary>
public sealed class Rule
{
    private readonly IReadOnlyList<(string Name, AlertTemplate Template)> _labelTemplates;
    private readonly IReadOnlyList<(string Name, AlertTemplate Template)> _annotationTemplates;

    internal Rule(
        RuleKind kind, string name, RuleQuery query, TimeSpan @for, TimeSpan keepFiringFor,
        IReadOnlyList<(string Name, AlertTemplate Template)> labels, IReadOnlyList<(string Name, AlertTemplate Template)> annotations)
    {
        Kind = kind;
        Name = name;
        Query = query;
        For = @for;
        KeepFiringFor = keepFiringFor;
        _labelTemplates = labels;
        _annotationTemplates = annotations;
        Labels = Labels.Of(labels.Select(l => (l.Name, l.Template.Text)));
        Annotations = Labels.Of(annotations.Select(a => (a.Name, a.Template.Text)));
    }

    public RuleKind Kind { get; }

    /// <summary>The alert's name (its <c>alertname</c> label), or the metric name a recording rule writes.</summary>
    public string Name { get; }

    public RuleQuery Query { get; }

    /// <summary>How long an alert stays pending before it fires; zero for recording rules.</summary>
    public TimeSpan For { get; }

    /// <summary>How long an alert keeps firing after its condition cleared; zero for recording rules.</summary>
    public TimeSpan KeepFiringFor { get; }

    /// <summary>The labels as written: templates for an alerting rule, plain values for a recording rule.</summary>
    public Labels Labels { get; }

    /// <summary>The annotations as written (templates); recording rules have none.</summary>
    public Labels Annotations { get; }

    /// <summary>
    /// The rule's labels for one alert, templates rendered (a recording rule's labels are returned as they are).
    /// Labels that render empty are left out, as Prometheus leaves them out of the alert.
    /// </summary>
    public Labels RenderLabels(AlertTemplateData data) =>
        Kind == RuleKind.Recording ? Labels : Labels.Of(_labelTemplates.Select(l => (l.Name, l.Template.Render(data))));

    /// <summary>The rule's annotations for one alert, templates rendered.</summary>
    public Labels RenderAnnotations(AlertTemplateData data) =>
        Labels.Of(_annotationTemplates.Select(a => (a.Name, a.Template.Render(data))));

    /// <summary>Whether <paramref name="other"/> is written the same: a reload may keep this instance in its place.</summary>
    public bool HasSameDefinition(Rule other) =>
        Kind == other.Kind && Name == other.Name && Query.Language == other.Query.Language && Query.Text == other.Query.Text
        && For == other.For && KeepFiringFor == other.KeepFiringFor && Labels.Equals(other.Labels) && Annotations.Equals(other.Annotations);

    public override string ToString() => $"{(Kind == RuleKind.Alerting ? "alert" : "record")} {Name}: {Query.Text}";
}
