namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>One call between services: the parent span's service (client) to the child's (server).</summary>
public readonly record struct ServiceCall(string Client, string Server, bool Failed);
