namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>
/// A notification template in the subset of Go's text/template that Alertmanager configurations use (see
/// docs/alerting-notifications.md): parsed once when the configuration loads, run for each notification. Alertmanager's
/// default templates (<c>slack.default.title</c>, <c>__subject</c>, ...) are always available to <c>template</c>.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<TemplateNode> _body;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> _definitions;

    private Template(IReadOnlyList<TemplateNode> body, IReadOnlyDictionary<string, IReadOnlyList<TemplateNode>> definitions)
    {
        _body = body;
        _definitions = definitions;
    }

    /// <exception cref="TemplateException">The text does not parse; the message names the line.</exception>
    public static Template Parse(string text)
    {
        var (body, definitions) = TemplateParser.Parse(text);
        var all = new Dictionary<string, IReadOnlyList<TemplateNode>>(DefaultTemplates.Definitions, StringComparer.Ordinal);
        foreach (var (name, definition) in definitions) all[name] = definition;
        return new Template(body, all);
    }

    /// <exception cref="TemplateException">A field or function failed while it ran.</exception>
    public string Execute(object? data) => new TemplateEvaluator(_definitions).Run(_body, data);
}
