namespace OllyStack.Storage.Logs;

/// <summary>A record read back from a tenant's logs, with its stream.</summary>
public readonly record struct StoredLogEntry(LogStream Stream, LogRow Row);
