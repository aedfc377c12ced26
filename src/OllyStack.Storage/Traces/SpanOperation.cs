namespace OllyStack.Storage.Traces;

/// <summary>An operation as the search API lists it: a service, a span name and the span kind (OpenTelemetry's number).</summary>
public readonly record struct SpanOperation(string Service, string Name, byte Kind);
