using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>One name of <c>drop</c> or <c>keep</c>: a bare label name, or a matcher that must also match the label's value.</summary>
public sealed record LabelSelection(string Name, LabelMatcher? Matcher);
