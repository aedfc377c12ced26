namespace OllyStack.Core.Batches;

/// <summary>The type of an OpenTelemetry AnyValue as stored in a batch.</summary>
public enum AnyValueKind : byte
{
    Empty = 0,
    String = 1,
    Bool = 2,
    Int = 3,
    Double = 4,
    Bytes = 5,
    /// <summary>An array, stored as JSON text (bytes inside as base64 strings).</summary>
    Array = 6,
    /// <summary>A key-value list, stored as a JSON object.</summary>
    KeyValueList = 7,
}
