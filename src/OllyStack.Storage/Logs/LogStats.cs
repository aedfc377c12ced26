namespace OllyStack.Storage.Logs;

/// <summary>The size of a log selection, as Loki's index stats report it: streams, chunks (blocks), entries and bytes.</summary>
public readonly record struct LogStats(long Streams, long Chunks, long Entries, long Bytes);
