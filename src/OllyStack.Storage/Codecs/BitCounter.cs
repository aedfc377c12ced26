namespace OllyStack.Storage.Codecs;

/// <summary>An <see cref="IBitSink"/> that stores nothing and counts what would have been written.</summary>
internal struct BitCounter : IBitSink
{
    public long Bits { get; private set; }

    public readonly int Bytes => (int)((Bits + 7) >> 3);

    public void Write(ulong bits, int count) => Bits += count;
}
