namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// A template that parsed but cannot be rendered with this data (a non-number to humanize, a field of a string).
/// Rendering never lets it escape: the text becomes <c>&lt;error expanding template: ...&gt;</c>, as in Prometheus.
/// </summary>
internal sealed class TemplateExecutionException : Exception
{
    public TemplateExecutionException(string message, string? function = null)
        : base(function is null ? message : $"error calling {function}: {message}")
    {
    }

    private TemplateExecutionException(string message, int position)
        : base(message) => Position = position;

    /// <summary>Offset in the template of the command that failed; null until the executor adds it.</summary>
    public int? Position { get; }

    public TemplateExecutionException At(int position) => new(Message, position);
}
