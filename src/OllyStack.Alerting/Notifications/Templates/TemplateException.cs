namespace OllyStack.Alerting.Notifications.Templates;

/// <summary>A notification template that does not parse, or fails while it runs (an unknown field, a wrong argument).</summary>
public sealed class TemplateException(string message) : Exception(message);
