using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces;

/// <summary>
/// A stored attribute: its key, the OpenTelemetry value type and the value as text (<see cref="AnyValue.ToText"/>),
/// from which the query APIs give it back typed.
/// </summary>
public readonly record struct SpanAttribute(string Key, AnyValueKind Kind, string Value)
{
    public static SpanAttribute String(string key, string value) => new(key, AnyValueKind.String, value);
}
