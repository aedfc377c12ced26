namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// One assignment of <c>label_format</c>: <c>dst=src</c> renames label <see cref="SourceLabel"/>, <c>dst="{{...}}"</c>
/// sets <see cref="Name"/> to the rendered <see cref="Template"/>. Exactly one of the two is set.
/// </summary>
public sealed record LabelFormatting(string Name, string? SourceLabel, string? Template);
