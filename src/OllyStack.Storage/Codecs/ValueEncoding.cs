namespace OllyStack.Storage.Codecs;

/// <summary>How a sample block stores its values; the value is what the block's encodings byte carries (bits 0..3).</summary>
public enum ValueEncoding : byte
{
    /// <summary>One value's eight bytes: every value has the same bits.</summary>
    Constant = 0,

    /// <summary>Values as decimal mantissas of one scale, then a residual stream of their deltas: gauges.</summary>
    DecimalDelta = 1,

    /// <summary>Values as decimal mantissas of one scale, then a residual stream of their deltas of deltas: counters.</summary>
    DecimalDeltaOfDelta = 2,

    /// <summary>Gorilla's XOR of each value with the previous one: floats with no short decimal form.</summary>
    GorillaXor = 3,

    /// <summary>Eight bytes each: nothing else is smaller.</summary>
    Raw = 4,
}
