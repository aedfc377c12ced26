namespace OllyStack.Core.Batches;

/// <summary>One column of a struct-of-arrays batch, seen as raw little-endian bytes for the batch codec.</summary>
public interface IColumn
{
    int Count { get; }

    ReadOnlySpan<byte> AsBytes();

    /// <summary>Replaces the contents with <paramref name="count"/> elements read from <paramref name="bytes"/>.</summary>
    void Load(int count, ReadOnlySpan<byte> bytes);

    void Clear();

    /// <summary>Returns pooled storage; the column is empty and usable afterwards.</summary>
    void Release();
}
