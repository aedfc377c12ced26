using OllyStack.Ingest.Otlp.Common;

namespace OllyStack.Benchmarks.Traces;

/// <summary>OTLP key-value attributes of each value type an SDK sends.</summary>
public static class OtlpAttribute
{
    public static KeyValue Of(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Of(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static KeyValue Of(string key, double value) => new() { Key = key, Value = new AnyValue { DoubleValue = value } };

    public static KeyValue Of(string key, bool value) => new() { Key = key, Value = new AnyValue { BoolValue = value } };
}
