namespace OllyStack.Storage.Codecs;

/// <summary>
/// A reusable array that an encoder works in. It grows to the largest block seen and is then kept, so encoding the
/// next block allocates nothing.
/// </summary>
internal struct ScratchArray<T>
{
    private T[]? array;

    public Span<T> Get(int length)
    {
        if (array is null || array.Length < length) array = new T[Math.Max(length, 2 * (array?.Length ?? 0))];
        return array.AsSpan(0, length);
    }
}
