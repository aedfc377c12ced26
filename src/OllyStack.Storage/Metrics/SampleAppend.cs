namespace OllyStack.Storage.Metrics;

/// <summary>What happened to one appended sample.</summary>
public enum SampleAppend
{
    /// <summary>Newer than everything before: appended at the end.</summary>
    Appended,
    /// <summary>Older than the newest sample but inside the out-of-order window: inserted in place.</summary>
    InsertedOutOfOrder,
    /// <summary>A sample with this timestamp existed; the later write wins.</summary>
    Deduplicated,
    /// <summary>Older than the newest sample by more than the out-of-order window: dropped.</summary>
    TooOld,
}
