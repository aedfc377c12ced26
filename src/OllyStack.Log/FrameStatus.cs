namespace OllyStack.Log;

/// <summary>What <see cref="SegmentReader.ReadNext"/> found at its position.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame (its checksum not yet checked).</summary>
    Record,

    /// <summary>The position is exactly at the read limit.</summary>
    End,

    /// <summary>The limit (or the file) ends inside the frame.</summary>
    Incomplete,

    /// <summary>The stored payload length exceeds <see cref="RecordFrame.MaxPayloadBytes"/>.</summary>
    BadLength,

    /// <summary>The frame is not in the window and the caller did not allow a refill.</summary>
    NeedsRefill,
}
