namespace OllyStack.Ingest.Wire;

/// <summary>A request body that does not decode; its message names what was wrong and where, for a 400 / INVALID_ARGUMENT.</summary>
public sealed class MalformedPayloadException(string message) : Exception(message);
