namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>An Alertmanager configuration that is refused, with where (line, column, field path) and why.</summary>
public sealed class AlertmanagerConfigException(int line, int column, string field, string reason)
    : Exception(line > 0 ? $"line {line}, column {column}: {(field.Length > 0 ? field + ": " : "")}{reason}" : $"{(field.Length > 0 ? field + ": " : "")}{reason}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The path of the field, e.g. <c>route.routes[1].group_wait</c>; empty for the document itself.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
