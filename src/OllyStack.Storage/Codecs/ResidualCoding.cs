namespace OllyStack.Storage.Codecs;

/// <summary>How a <see cref="ResidualStream"/> stores its zigzagged quotients.</summary>
internal enum ResidualCoding
{
    /// <summary><see cref="PatchedBitPacking"/>: a fixed width plus a list of the values that do not fit.</summary>
    BitPacked,

    /// <summary><see cref="RiceCoding"/>: Golomb-Rice codes, one parameter per partition of values.</summary>
    Rice,
}
