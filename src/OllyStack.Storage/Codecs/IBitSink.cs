namespace OllyStack.Storage.Codecs;

/// <summary>
/// Where a bit-level encoder puts its bits: <see cref="BitWriter"/> stores them, <see cref="BitCounter"/> only counts
/// them. Encoders are generic over the sink (a struct, so the JIT specialises each), which lets one piece of code both
/// measure a candidate encoding and write the chosen one: the two can never disagree about the size.
/// </summary>
internal interface IBitSink
{
    /// <summary>Appends the low <paramref name="count"/> bits (0..64) of <paramref name="bits"/>; higher bits must be zero.</summary>
    void Write(ulong bits, int count);
}
