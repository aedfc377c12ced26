using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace OllyStack.Log;

/// <summary>
/// Walks the frames of one segment file through a pooled window: each refill reads up to a megabyte with one
/// positional read, so reading costs one syscall per window, not one per record. Never writes.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int DefaultWindowBytes = 1 << 20;

    private byte[] window = ArrayPool<byte>.Shared.Rent(DefaultWindowBytes);
    private long windowStart;
    private int windowLength;
    private SafeFileHandle? handle;

    public string Path { get; private set; } = "";

    /// <summary>Byte position in the file of the next frame.</summary>
    public long Position { get; private set; }

    /// <summary>Switches to <paramref name="path"/> at byte <paramref name="position"/>; invalidates earlier frames.</summary>
    public void Open(string path, long position)
    {
        var opened = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        handle?.Dispose();
        handle = opened;
        Path = path;
        Position = position;
        windowLength = 0;
    }

    public long FileLength => RandomAccess.GetLength(Handle);

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="position"/>, bypassing the window.</summary>
    public int ReadAt(long position, Span<byte> destination) => ReadFully(position, destination);

    /// <summary>
    /// Reads the frame at <see cref="Position"/>, looking no further than byte <paramref name="limit"/> of the file, and
    /// moves past it when one is found. With <paramref name="mayRefill"/> false it only uses bytes already in the
    /// window, so frames returned earlier stay valid.
    /// </summary>
    public FrameStatus ReadNext(long limit, bool mayRefill, out FrameView frame)
    {
        frame = default;
        var available = limit - Position;
        if (available <= 0) return FrameStatus.End;
        if (available < RecordFrame.HeaderSize) return FrameStatus.Incomplete;
        if (!Covers(RecordFrame.HeaderSize))
        {
            if (!mayRefill) return FrameStatus.NeedsRefill;
            Fill(RecordFrame.HeaderSize, limit);
            if (!Covers(RecordFrame.HeaderSize)) return FrameStatus.Incomplete;
        }
        var payloadLength = RecordFrame.ReadPayloadLength(window.AsSpan(WindowIndex()));
        if (payloadLength > RecordFrame.MaxPayloadBytes) return FrameStatus.BadLength;
        var frameLength = RecordFrame.SizeOf((int)payloadLength);
        if (frameLength > available) return FrameStatus.Incomplete;
        if (!Covers(frameLength))
        {
            if (!mayRefill) return FrameStatus.NeedsRefill;
            Fill(frameLength, limit);
            if (!Covers(frameLength)) return FrameStatus.Incomplete;
        }
        frame = new FrameView(Position, window.AsMemory(WindowIndex(), frameLength));
        Position += frameLength;
        return FrameStatus.Record;
    }

    public void Dispose()
    {
        handle?.Dispose();
        handle = null;
        ArrayPool<byte>.Shared.Return(window);
        window = [];
    }

    private SafeFileHandle Handle => handle ?? throw new InvalidOperationException("no segment is open");

    private int WindowIndex() => (int)(Position - windowStart);

    private bool Covers(int count) => Position >= windowStart && Position + count <= windowStart + windowLength;

    /// <summary>Refills the window from <see cref="Position"/>, growing it when one frame needs more than it holds.</summary>
    private void Fill(int needed, long limit)
    {
        if (needed > window.Length)
        {
            ArrayPool<byte>.Shared.Return(window);
            window = ArrayPool<byte>.Shared.Rent(Math.Max(needed, window.Length * 2));
        }
        var wanted = (int)Math.Min(window.Length, limit - Position);
        windowStart = Position;
        windowLength = ReadFully(Position, window.AsSpan(0, wanted));
    }

    private int ReadFully(long position, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(Handle, destination[total..], position + total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
