namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// A label or annotation value of an alerting rule, parsed once when the rule loads and rendered for every alert:
/// <c>{{ $labels.instance }} is down ({{ $value | humanizePercentage }})</c>. The language is the subset of Go's
/// text/template that Prometheus rule files use (docs/alerting-rules.md).
/// </summary>
public sealed class AlertTemplate
{
    private readonly IReadOnlyList<TemplateNode> _nodes;

    private AlertTemplate(string text, IReadOnlyList<TemplateNode> nodes)
    {
        Text = text;
        _nodes = nodes;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <exception cref="TemplateParseException">The template is not valid; its message says where and why.</exception>
    public static AlertTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AlertTemplate(text, text.Contains("{{", StringComparison.Ordinal) ? TemplateParser.Parse(text) : [new TextNode(0, text)]);
    }

    /// <summary>Text used as it is, never parsed: a recording rule's label values are not templates.</summary>
    internal static AlertTemplate Literal(string text) => new(text, [new TextNode(0, text)]);

    /// <summary>
    /// The text for one alert. Data the template cannot handle (a label that is not a number given to
    /// <c>humanize</c>) gives <c>&lt;error expanding template: line:column: reason&gt;</c> instead, as Prometheus writes
    /// it, so a bad template never stops an alert from being sent.
    /// </summary>
    public string Render(AlertTemplateData data)
    {
        if (_nodes is [TextNode constant]) return constant.Text;
        try
        {
            return TemplateExecutor.Execute(_nodes, data);
        }
        catch (TemplateExecutionException e)
        {
            var (line, column) = TemplateParseException.LineAndColumn(Text, e.Position ?? 0);
            return $"<error expanding template: {line}:{column}: {e.Message}>";
        }
    }

    public override string ToString() => Text;
}
