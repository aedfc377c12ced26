namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>What a template sees of a log line: its labels as fields, the line as <c>__line__</c>, its time as <c>__timestamp__</c>.</summary>
internal interface ITemplateScope
{
    /// <summary>The label's value, or null when the line has no such label.</summary>
    string? Label(string name);

    string Line { get; }

    long TimestampUnixNano { get; }
}
