namespace OllyStack.Core.Batches;

/// <summary>A UTF-8 string stored in a batch's <see cref="Utf8Heap"/>: its byte offset and length.</summary>
public readonly record struct Utf8Ref(int Offset, int Length)
{
    public static readonly Utf8Ref Empty = new(0, 0);

    public bool IsEmpty => Length == 0;
}
