using OllyStack.Alerting.Rules.Templates;

namespace OllyStack.Alerting.Tests.Rules.Templates;

/// <summary>Mistakes in templates are found when a rule loads, with where they are and why.</summary>
public sealed class AlertTemplateParseErrorTests
{
    [Theory]
    [InlineData("{{ $labels.instance", 1, 1, "unclosed action")]
    [InlineData("x {{ humanise $value }}", 1, 6, "function \"humanise\" not defined")]
    [InlineData("{{ query \"up\" | first }}", 1, 4, "function \"query\" is not supported in alert templates")]
    [InlineData("{{ $lables.instance }}", 1, 4, "undefined variable \"$lables\"")]
    [InlineData("{{ $x = 1 }}", 1, 4, "undefined variable \"$x\"")]
    [InlineData("{{ .Lables.instance }}", 1, 4, "can't evaluate field Lables")]
    [InlineData("{{ $.Valu }}", 1, 4, "can't evaluate field Valu")]
    [InlineData("{{ if $value }}high", 1, 20, "unexpected end of template: {{if}} has no {{end}}")]
    [InlineData("a {{ end }}", 1, 6, "unexpected {{end}}")]
    [InlineData("{{ else }}", 1, 4, "unexpected {{else}}")]
    [InlineData("{{ if 1 }}{{ else }}{{ else }}{{ end }}", 1, 24, "expected end; found {{else}}")]
    [InlineData("{{ printf }}", 1, 4, "wrong number of args for printf: want at least 1 got 0")]
    [InlineData("{{ $value | humanize 1 }}", 1, 13, "wrong number of args for humanize: want 1 got 2")]
    [InlineData("{{ $value | 3 }}", 1, 13, "non executable command in pipeline stage 2")]
    [InlineData("{{ \"a\" \"b\" }}", 1, 4, "can't give argument to non-function \"a\"")]
    [InlineData("{{ }}", 1, 4, "missing value")]
    [InlineData("{{ $value | }}", 1, 13, "missing command after '|'")]
    [InlineData("{{ nil }}", 1, 4, "nil is not a command")]
    [InlineData("{{ template \"x\" }}", 1, 4, "{{template}} is not supported in alert templates")]
    [InlineData("{{ \"unterminated }}", 1, 4, "unterminated quoted string")]
    [InlineData("{{ 'c' }}", 1, 4, "character constants are not supported")]
    [InlineData("{{ 12ab }}", 1, 4, "bad number syntax")]
    [InlineData("{{ $value ; }}", 1, 11, "unexpected character \";\" in action")]
    [InlineData("{{ (humanize $value }}", 1, 21, "unexpected \"}}\" in parenthesized pipeline")]
    [InlineData("{{/* open", 1, 1, "unclosed comment")]
    [InlineData("{{/* c */ x}}", 1, 10, "comment ends before closing delimiter")]
    [InlineData("line one\n  {{ humanise $value }}", 2, 6, "function \"humanise\" not defined")]
    public void AnInvalidTemplateIsRefusedWithItsPositionAndReason(string template, int line, int column, string reason)
    {
        var error = Assert.Throws<TemplateParseException>(() => AlertTemplate.Parse(template));

        Assert.Contains(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{line}:{column}: ", error.Message);
    }
}
