using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// What an alert's label and annotation templates see, as in Prometheus: <c>.Labels</c> / <c>$labels</c> (the alert's
/// labels), <c>.Value</c> / <c>$value</c> (the sample that made it fire), <c>.ExternalLabels</c> / <c>$externalLabels</c>
/// and <c>.ExternalURL</c> / <c>$externalURL</c>.
/// </summary>
public sealed record AlertTemplateData(Labels Labels, double Value, Labels ExternalLabels, string ExternalUrl)
{
    public AlertTemplateData(Labels labels, double value)
        : this(labels, value, Labels.Empty, "")
    {
    }
}
