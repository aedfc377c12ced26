namespace OllyStack.Storage.Codecs;

/// <summary>How a sample block stores its timestamps; the value is what the block's encodings byte carries (bits 4..7).</summary>
public enum TimestampEncoding : byte
{
    /// <summary>First timestamp and one interval: every scrape on time, and every single-sample block.</summary>
    ConstantInterval = 0,

    /// <summary>First timestamp, then a residual stream of the intervals: irregular sampling.</summary>
    Delta = 1,

    /// <summary>First timestamp and interval, then a residual stream of the changes of interval: scrapes with jitter or gaps.</summary>
    DeltaOfDelta = 2,

    /// <summary>Eight bytes each: nothing else is smaller (timestamps with no relation to each other).</summary>
    Raw = 3,
}
