using Microsoft.Win32.SafeHandles;

namespace OllyStack.Log;

/// <summary>Appends frames to the end of the active segment with positional writes. Used only by the topic's writer.</summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly SafeFileHandle handle;

    private SegmentWriter(Segment segment, SafeFileHandle handle, long length)
    {
        Segment = segment;
        this.handle = handle;
        Length = length;
    }

    public Segment Segment { get; }

    /// <summary>Bytes written so far, header included (durable only after <see cref="Flush"/>).</summary>
    public long Length { get; private set; }

    public bool HoldsRecords => Length > SegmentHeader.Size;

    /// <summary>Creates a new segment file holding only its header (not yet fsynced).</summary>
    public static SegmentWriter Create(string topicDirectory, long firstOffset)
    {
        var path = Path.Combine(topicDirectory, SegmentFileName.For(firstOffset));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        Span<byte> header = stackalloc byte[SegmentHeader.Size];
        SegmentHeader.Write(header, firstOffset);
        RandomAccess.Write(handle, header, 0);
        return new SegmentWriter(new Segment(path, firstOffset, SegmentHeader.Size), handle, SegmentHeader.Size);
    }

    /// <summary>Continues a segment found on disk whose first <paramref name="validLength"/> bytes were verified.</summary>
    public static SegmentWriter Continue(string path, long firstOffset, long validLength)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        return new SegmentWriter(new Segment(path, firstOffset, validLength), handle, validLength);
    }

    public void Write(ReadOnlySpan<byte> frames)
    {
        RandomAccess.Write(handle, frames, Length);
        Length += frames.Length;
    }

    /// <summary>Cuts the file back to <see cref="Length"/>, dropping whatever follows (a torn or corrupt tail).</summary>
    public void TruncateToLength(bool fsync)
    {
        RandomAccess.SetLength(handle, Length);
        if (fsync) Flush();
    }

    public void Flush() => RandomAccess.FlushToDisk(handle);

    public void Dispose() => handle.Dispose();
}
