namespace OllyStack.Storage.Codecs;

/// <summary>
/// The cheapest way found to store one sequence of residuals, and its exact size in bytes (stream header included),
/// so candidate encodings of a block compare by what they would really cost.
/// </summary>
internal readonly record struct ResidualPlan(ResidualCoding Coding, int Width, long Offset, ulong Divisor, int Size);
