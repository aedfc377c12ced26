using System.Buffers;

namespace OllyStack.Log;

/// <summary>
/// Appends waiting for the next group commit: their frames back to back in one pooled buffer (so the writer needs one
/// write call) and their completions in the same order. Appenders fill one batch while the writer writes the other.
/// </summary>
internal sealed class StagingBatch
{
    private const int InitialBytes = 256 * 1024;

    /// <summary>A buffer grown past this by a burst or a huge record goes back to the pool after the write.</summary>
    private const int MaxRetainedBytes = 16 * 1024 * 1024;

    private readonly List<AppendCompletion> completions = [];
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);

    public int Count => completions.Count;

    public int Length { get; private set; }

    /// <summary>The offset after the last record in the batch.</summary>
    public long EndOffset { get; private set; }

    public ReadOnlySpan<byte> Frames => buffer.AsSpan(0, Length);

    /// <summary>Frames the record into the buffer (copying the payload) and queues its completion.</summary>
    public void Add(long offset, ReadOnlySpan<byte> payload, AppendCompletion completion)
    {
        var frameLength = RecordFrame.SizeOf(payload.Length);
        EnsureRoom(frameLength);
        RecordFrame.Write(buffer.AsSpan(Length, frameLength), offset, payload);
        Length += frameLength;
        completion.Offset = offset;
        EndOffset = offset + 1;
        completions.Add(completion);
    }

    public void Succeed()
    {
        foreach (var completion in completions) completion.Succeed();
    }

    public void Fail(Exception error)
    {
        foreach (var completion in completions) completion.Fail(error);
    }

    /// <summary>Empties the batch for reuse; its completions must have been completed.</summary>
    public void Clear()
    {
        completions.Clear();
        Length = 0;
        if (buffer.Length <= MaxRetainedBytes) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);
    }

    private void EnsureRoom(int frameLength)
    {
        var needed = (long)Length + frameLength;
        if (needed <= buffer.Length) return;
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * buffer.Length)));
        buffer.AsSpan(0, Length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = grown;
    }
}
