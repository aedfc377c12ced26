namespace OllyStack.Log;

/// <summary>
/// What opening the log found for one topic. Offsets are dense, so <see cref="Records"/> is
/// <see cref="NextOffset"/> minus <see cref="FirstOffset"/>. <see cref="TruncatedBytes"/> counts bytes removed from a
/// torn or corrupt tail (including a deleted segment whose header was torn); <see cref="Damage"/> says what was found.
/// </summary>
public sealed record TopicReplay(
    string Topic,
    int Segments,
    long FirstOffset,
    long NextOffset,
    long TruncatedBytes,
    string? Damage)
{
    public long Records => NextOffset - FirstOffset;

    public override string ToString() =>
        $"topic {Topic}: {Segments} segments, records {FirstOffset}..{NextOffset - 1} ({Records})" +
        (TruncatedBytes > 0 ? $", truncated {TruncatedBytes} bytes: {Damage}" : "");
}
