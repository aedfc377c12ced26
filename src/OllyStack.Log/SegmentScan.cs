namespace OllyStack.Log;

/// <summary>
/// The result of verifying a whole segment file: its header, and its records up to the first bad or incomplete one.
/// <see cref="ValidLength"/> is where the verified part ends: the whole file when <see cref="Damage"/> is null.
/// </summary>
internal sealed record SegmentScan(
    string Path,
    long FirstOffset,
    long FileLength,
    string? HeaderDamage,
    long Records,
    long ValidLength,
    string? Damage)
{
    /// <summary>The offset the next record after the verified ones would carry.</summary>
    public long NextOffset => FirstOffset + Records;
}
