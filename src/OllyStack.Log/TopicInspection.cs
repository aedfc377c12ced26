namespace OllyStack.Log;

/// <summary>One topic as <see cref="WalInspector"/> found it: segments oldest first, consumer groups by name.</summary>
public sealed record TopicInspection(string Topic, IReadOnlyList<SegmentInspection> Segments, IReadOnlyList<GroupInspection> Groups)
{
    /// <summary>Offset after the last valid record (what the next append would get after replay).</summary>
    public long NextOffset => Segments.Count == 0 ? 0 : Segments[^1].FirstOffset + Segments[^1].Records;

    public long Records => Segments.Sum(segment => segment.Records);
}
