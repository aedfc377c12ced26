using System.Runtime.InteropServices;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// The labels of the line being processed: its stream's, its structured metadata's, and what stages add, change or
/// remove. One builder serves a whole query, reset per line; label sets are small, so a list searched linearly beats
/// a dictionary. A name parsed from the line that a stream label already has gets the suffix <c>_extracted</c>, as in Loki.
/// </summary>
internal sealed class LabelsBuilder
{
    private readonly List<(string Name, string Value)> labels = [];
    private readonly Dictionary<string, string> extractedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> sanitizedNames = new(StringComparer.Ordinal);
    private readonly LabelSetInterner interner = new();
    private StreamInfo stream = null!;
    private bool changed;

    /// <summary>Starts a line of <paramref name="lineStream"/> with its stream labels and structured metadata.</summary>
    public void Reset(StreamInfo lineStream, IReadOnlyList<KeyValuePair<string, string>> structuredMetadata)
    {
        stream = lineStream;
        labels.Clear();
        // Indexed loops: enumerating an IReadOnlyList through its interface would allocate an enumerator per line.
        var streamLabels = lineStream.Stream.Labels;
        for (var i = 0; i < streamLabels.Count; i++) labels.Add((streamLabels[i].Key, streamLabels[i].Value));
        changed = false;
        for (var i = 0; i < structuredMetadata.Count; i++) SetParsed(Sanitize(structuredMetadata[i].Key), structuredMetadata[i].Value);
    }

    /// <summary>The label's value, or null when the line has no such label.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : labels[index].Value;
    }

    public bool HasError => Get(PipelineErrors.ErrorLabel) is { Length: > 0 };

    public void Set(string name, string value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            if (labels[index].Value == value) return;
            labels[index] = (name, value);
        }
        else labels.Add((name, value));
        changed = true;
    }

    /// <summary>Sets a label read from the line (or its metadata): <c>name_extracted</c> when the stream has <paramref name="name"/>.</summary>
    public void SetParsed(string name, string value) => Set(IsStreamLabel(name) ? ExtractedName(name) : name, value);

    /// <summary>Marks the line with its first error; later errors do not replace it.</summary>
    public void SetError(string error, string details)
    {
        if (HasError) return;
        Set(PipelineErrors.ErrorLabel, error);
        Set(PipelineErrors.DetailsLabel, details);
    }

    public void Delete(string name)
    {
        var index = IndexOf(name);
        if (index < 0) return;
        labels.RemoveAt(index);
        changed = true;
    }

    /// <summary>Removes every label for which <paramref name="keep"/> is false.</summary>
    public void RemoveUnless<TState>(TState state, Func<TState, string, string, bool> keep)
    {
        for (var i = labels.Count - 1; i >= 0; i--)
        {
            if (keep(state, labels[i].Name, labels[i].Value)) continue;
            labels.RemoveAt(i);
            changed = true;
        }
    }

    /// <summary>The current label set without empty values; the same instance for the same labels within a query.</summary>
    public Labels ToLabels()
    {
        if (!changed) return stream.Labels;
        CollectionsMarshal.AsSpan(labels).Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return interner.Intern(CollectionsMarshal.AsSpan(labels));
    }

    private bool IsStreamLabel(string name)
    {
        var streamLabels = stream.Stream.Labels;
        for (var i = 0; i < streamLabels.Count; i++)
            if (streamLabels[i].Key == name) return true;
        return false;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < labels.Count; i++)
            if (labels[i].Name == name) return i;
        return -1;
    }

    private string ExtractedName(string name)
    {
        if (!extractedNames.TryGetValue(name, out var extracted)) extractedNames[name] = extracted = name + "_extracted";
        return extracted;
    }

    /// <summary>Metadata keys such as OpenTelemetry's <c>service.name</c> become label names (<c>service_name</c>) that filters can name.</summary>
    private string Sanitize(string name)
    {
        if (LabelNames.IsValid(name)) return name;
        if (!sanitizedNames.TryGetValue(name, out var sanitized)) sanitizedNames[name] = sanitized = LabelNames.Sanitize(name);
        return sanitized;
    }
}
