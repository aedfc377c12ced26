namespace OllyStack.Log;

/// <summary>Settings of the embedded write-ahead log.</summary>
public sealed class WriteAheadLogOptions
{
    /// <summary>Root directory; each topic gets a subdirectory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>A segment is sealed once the next record would take it past this size (default 64 MiB).</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes per topic that may wait for disk (queued or being written) before appends fail with
    /// LogOverloadedException (default 256 MiB; at most 1 GiB).
    /// </summary>
    public long MaxQueuedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>fsync after every group commit (default). Turn off only in tests that trade durability for speed.</summary>
    public bool Fsync { get; set; } = true;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) throw new ArgumentException("the write-ahead log needs a directory", nameof(Directory));
        if (SegmentBytes < SegmentHeader.Size + RecordFrame.HeaderSize)
            throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, $"must be at least {SegmentHeader.Size + RecordFrame.HeaderSize} bytes");
        if (MaxQueuedBytes is < 1 or > 1L << 30)
            throw new ArgumentOutOfRangeException(nameof(MaxQueuedBytes), MaxQueuedBytes, "must be between 1 byte and 1 GiB");
    }
}
