using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OllyStack.Core.Batches;

/// <summary>
/// A growable array of unmanaged values backed by <see cref="ArrayPool{T}"/>. Batches are reused, so once
/// a column has grown to its working size, adding to it allocates nothing.
/// </summary>
public sealed class Column<T> : IColumn where T : unmanaged
{
    private T[] _items = [];
    private int _count;

    public int Count => _count;

    public Span<T> Span => _items.AsSpan(0, _count);

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) ThrowIndex(index);
            return ref _items[index];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(T value)
    {
        if (_count == _items.Length) Grow(_count + 1);
        _items[_count] = value;
        return _count++;
    }

    /// <summary>Appends <paramref name="length"/> uninitialised elements and returns them for the caller to fill.</summary>
    public Span<T> Append(int length)
    {
        if (_count + length > _items.Length) Grow(_count + length);
        var span = _items.AsSpan(_count, length);
        _count += length;
        return span;
    }

    public void AddRange(ReadOnlySpan<T> values) => values.CopyTo(Append(values.Length));

    /// <summary>Drops the elements from <paramref name="count"/> on; used to roll back a partly built record.</summary>
    public void Truncate(int count)
    {
        if ((uint)count > (uint)_count) throw new ArgumentOutOfRangeException(nameof(count));
        _count = count;
    }

    public void Clear() => _count = 0;

    /// <summary>Keeps, in order, the elements whose <paramref name="keep"/> entry is true.</summary>
    public void Retain(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != _count) throw new ArgumentException($"{keep.Length} flags for {_count} elements", nameof(keep));
        var kept = 0;
        for (var i = 0; i < _count; i++)
            if (keep[i]) _items[kept++] = _items[i];
        _count = kept;
    }

    public ReadOnlySpan<byte> AsBytes() => MemoryMarshal.AsBytes(Span);

    public void Load(int count, ReadOnlySpan<byte> bytes)
    {
        // In 64 bits: a corrupt count whose byte size wraps to the given length in 32 bits must not pass.
        if (bytes.Length != (long)count * Unsafe.SizeOf<T>())
            throw new InvalidDataException($"column of {typeof(T).Name} holds {bytes.Length} bytes, expected {count} x {Unsafe.SizeOf<T>()}");
        _count = 0;
        bytes.CopyTo(MemoryMarshal.AsBytes(Append(count)));
    }

    public void Release()
    {
        if (_items.Length > 0) ArrayPool<T>.Shared.Return(_items);
        _items = [];
        _count = 0;
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<T>.Shared.Rent(Math.Max(needed, Math.Max(16, _items.Length * 2)));
        _items.AsSpan(0, _count).CopyTo(next);
        if (_items.Length > 0) ArrayPool<T>.Shared.Return(_items);
        _items = next;
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside column of {_count}");
}
