namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// One parameter of <c>json</c> or <c>logfmt</c>: the label <see cref="Name"/> gets the value at <see cref="Source"/>
/// (a JSON path such as <c>a.b[0]</c>, or a logfmt key). <c>json a</c> is <c>json a="a"</c>.
/// </summary>
public sealed record LabelExtraction(string Name, string Source);
