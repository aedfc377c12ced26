namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>A template failed while rendering one line (a bad argument, a division by zero); the stage marks the line with an error.</summary>
internal sealed class TemplateException(string message) : Exception(message);
