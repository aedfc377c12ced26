namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// A template that does not parse. The message is <c>line:column: reason</c>, lines and columns from 1 within the
/// template's own text (a rule file error adds where the template sits in the file).
/// </summary>
public sealed class TemplateParseException : Exception
{
    internal TemplateParseException(string template, int position, string reason)
        : base(Format(template, position, reason))
    {
        Position = position;
        Reason = reason;
        (Line, Column) = LineAndColumn(template, position);
    }

    /// <summary>Offset of the offending text in the template.</summary>
    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What is wrong, without the position: <c>function "humanise" not defined</c>.</summary>
    public string Reason { get; }

    internal static (int Line, int Column) LineAndColumn(string text, int position)
    {
        var before = text.AsSpan(0, Math.Clamp(position, 0, text.Length));
        return (before.Count('\n') + 1, before.Length - before.LastIndexOf('\n'));
    }

    private static string Format(string template, int position, string reason)
    {
        var (line, column) = LineAndColumn(template, position);
        return $"{line}:{column}: {reason}";
    }
}
