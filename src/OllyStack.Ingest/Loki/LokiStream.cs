using OllyStack.Core.Batches;
using OllyStack.Core.Logs;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// What the entries of one pushed stream share: the resource whose attributes are the stream's labels, the request's
/// scope, and the severity its level label gives.
/// </summary>
internal readonly record struct LokiStream(int Resource, int Scope, byte SeverityNumber, Utf8Ref SeverityText)
{
    /// <summary>
    /// Makes the labels appended since <paramref name="labelStart"/> the stream's resource. Returns false with
    /// <paramref name="problem"/> set when they do not make a Loki stream: none at all, a name that is not a label
    /// name, or a name twice.
    /// </summary>
    public static bool TryOpen(LogBatch batch, int labelStart, int scope, out LokiStream stream, out string? problem)
    {
        stream = default;
        var labels = batch.RangeFrom(labelStart);
        problem = Check(batch, labels);
        if (problem is not null) return false;
        var severity = LokiSeverity.Of(batch, labels, out var severityText);
        var resource = batch.Resources.Add(new ResourceRef(labels, 0, Utf8Ref.Empty));
        stream = new LokiStream(resource, scope, severity, severityText);
        return true;
    }

    private static string? Check(LogBatch batch, AttributeRange labels)
    {
        if (labels.Count == 0) return "a stream needs at least one label with a non-empty value";
        var attributes = batch.AttributesOf(labels);
        for (var i = 0; i < attributes.Length; i++)
        {
            var name = batch.Strings[attributes[i].Key];
            if (!LokiLabelParser.IsLabelName(name)) return $"'{batch.GetString(attributes[i].Key)}' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)";
            for (var j = 0; j < i; j++)
                if (batch.Strings[attributes[j].Key].SequenceEqual(name)) return $"label '{batch.GetString(attributes[i].Key)}' appears twice";
        }
        return null;
    }
}
