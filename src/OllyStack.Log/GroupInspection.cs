namespace OllyStack.Log;

/// <summary>A consumer group's committed offset as stored on disk, or why its offset file could not be read.</summary>
public sealed record GroupInspection(string Group, long? CommittedOffset, string? Damage);
