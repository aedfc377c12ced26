using System.Buffers.Binary;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Appends bits least significant first: bit i of the stream is bit (i % 8) of byte (i / 8). Whole 64-bit words go to
/// the destination as they fill; <see cref="Finish"/> writes the last partial word and pads it with zero bits. The
/// destination must hold the whole stream (measure it with <see cref="BitCounter"/> first).
/// </summary>
internal ref struct BitWriter : IBitSink
{
    private readonly Span<byte> destination;
    private int bytesWritten;
    private ulong pending;
    private int pendingBits;

    public BitWriter(Span<byte> destination) => this.destination = destination;

    public void Write(ulong bits, int count)
    {
        if (count == 0) return;
        pending |= bits << pendingBits;
        var total = pendingBits + count;
        if (total < 64)
        {
            pendingBits = total;
            return;
        }
        BinaryPrimitives.WriteUInt64LittleEndian(destination[bytesWritten..], pending);
        bytesWritten += sizeof(ulong);
        pending = pendingBits == 0 ? 0 : bits >> (64 - pendingBits);
        pendingBits = total - 64;
    }

    /// <summary>Flushes the last bits; returns the length of the stream in bytes.</summary>
    public int Finish()
    {
        var tail = pending;
        for (var left = pendingBits; left > 0; left -= 8)
        {
            destination[bytesWritten++] = (byte)tail;
            tail >>= 8;
        }
        pending = 0;
        pendingBits = 0;
        return bytesWritten;
    }
}
