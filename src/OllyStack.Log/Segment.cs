namespace OllyStack.Log;

/// <summary>
/// One segment file of a topic as the running log knows it. <see cref="DurableLength"/> is how many bytes from the
/// start of the file are fsynced and may be read; it only grows, and only the topic's writer sets it.
/// </summary>
internal sealed class Segment(string path, long firstOffset, long durableLength)
{
    private long durableLength = durableLength;

    public string Path { get; } = path;

    public long FirstOffset { get; } = firstOffset;

    public long DurableLength
    {
        get => Volatile.Read(ref durableLength);
        set => Volatile.Write(ref durableLength, value);
    }
}
