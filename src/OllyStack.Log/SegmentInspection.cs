namespace OllyStack.Log;

/// <summary>
/// One segment file as <see cref="WalInspector"/> found it. <see cref="DamagedAtByte"/> is where a torn or corrupt
/// part starts (0 for a bad header) and <see cref="Damage"/> says what is wrong; both null for a clean segment.
/// Records counts the valid records before any damage.
/// </summary>
public sealed record SegmentInspection(
    string File,
    long FirstOffset,
    long Bytes,
    long Records,
    long? FirstRecordOffset,
    long? LastRecordOffset,
    long? DamagedAtByte,
    string? Damage)
{
    public bool IsDamaged => Damage is not null;
}
