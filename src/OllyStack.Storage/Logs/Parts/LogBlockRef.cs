namespace OllyStack.Storage.Logs.Parts;

/// <summary>Where a block of one stream lies in its part file (its frame), and what it covers.</summary>
public readonly record struct LogBlockRef(long Offset, int Length, long MinTimeUnixNano, long MaxTimeUnixNano, int RecordCount);
