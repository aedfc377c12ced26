namespace OllyStack.Storage.Traces;

/// <summary>A stored span event: when it happened, its name and attributes.</summary>
public sealed record SpanEvent(long TimeUnixNano, string Name, SpanAttribute[] Attributes);
