namespace OllyStack.Core.Durability;

/// <summary>A record read from the log: its offset and payload (valid until the consumer's next read).</summary>
public readonly record struct ConsumedRecord(long Offset, ReadOnlyMemory<byte> Payload);
