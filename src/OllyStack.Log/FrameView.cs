namespace OllyStack.Log;

/// <summary>A frame inside a <see cref="SegmentReader"/> window; valid until the reader reads again.</summary>
internal readonly record struct FrameView(long Position, ReadOnlyMemory<byte> Frame)
{
    public long Offset => RecordFrame.ReadOffset(Frame.Span);

    public ReadOnlyMemory<byte> Payload => Frame[RecordFrame.HeaderSize..];

    public bool HasValidChecksum => RecordFrame.HasValidChecksum(Frame.Span);
}
