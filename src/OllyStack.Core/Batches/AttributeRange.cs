namespace OllyStack.Core.Batches;

/// <summary>A run of attributes in a batch's attribute column: <see cref="Start"/> and <see cref="Count"/>.</summary>
public readonly record struct AttributeRange(int Start, int Count)
{
    public static readonly AttributeRange Empty = new(0, 0);
}
