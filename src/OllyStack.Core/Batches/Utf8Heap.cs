using System.Buffers;
using System.Text;

namespace OllyStack.Core.Batches;

/// <summary>
/// The string storage of a batch: UTF-8 bytes appended to one pooled buffer, addressed by <see cref="Utf8Ref"/>.
/// <see cref="Intern"/> stores each distinct string once per batch, which is what makes repeated label names,
/// attribute keys and resource values cheap on the wire and in the log.
/// </summary>
public sealed class Utf8Heap : IColumn
{
    private const int MaxInternLength = 256;

    /// <summary>Beyond this many probes a string is stored without interning, so colliding input cannot go quadratic.</summary>
    private const int MaxProbes = 32;
    private readonly Column<byte> _bytes = new();
    private int[] _slots = [];      // open addressing: 0 = empty, else entry index + 1
    private Utf8Ref[] _entries = [];
    private int _entryCount;
    private int _slotMask = -1;

    public int Count => _bytes.Count;

    public ReadOnlySpan<byte> this[Utf8Ref reference] => _bytes.Span.Slice(reference.Offset, reference.Length);

    public string GetString(Utf8Ref reference) => Encoding.UTF8.GetString(this[reference]);

    /// <summary>Appends the bytes without looking for an equal string already stored.</summary>
    public Utf8Ref Add(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return Utf8Ref.Empty;
        var offset = _bytes.Count;
        _bytes.AddRange(utf8);
        return new Utf8Ref(offset, utf8.Length);
    }

    /// <summary>Appends <paramref name="length"/> bytes for the caller to fill in place.</summary>
    public Span<byte> Reserve(int length, out Utf8Ref reference)
    {
        reference = new Utf8Ref(_bytes.Count, length);
        return _bytes.Append(length);
    }

    /// <summary>Gives back the tail of the last <see cref="Reserve"/> that the caller did not use.</summary>
    public Utf8Ref Shrink(Utf8Ref reserved, int usedLength)
    {
        _bytes.Truncate(reserved.Offset + usedLength);
        return new Utf8Ref(reserved.Offset, usedLength);
    }

    public Utf8Ref Add(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = Reserve(length, out var reference);
        Encoding.UTF8.GetBytes(value, span);
        return reference;
    }

    /// <summary>Returns the reference of an equal string stored earlier by <see cref="Intern"/>, or stores it.</summary>
    public Utf8Ref Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return Utf8Ref.Empty;
        if (utf8.Length > MaxInternLength) return Add(utf8);
        if (_entryCount * 2 >= _slotMask + 1) Rehash();
        var mask = _slotMask;
        var slot = (int)StringHash.Of(utf8) & mask;
        for (var probes = 0; ; probes++)
        {
            var entry = _slots[slot];
            if (entry == 0) break;
            var existing = _entries[entry - 1];
            if (existing.Length == utf8.Length && this[existing].SequenceEqual(utf8)) return existing;
            if (probes == MaxProbes) return Add(utf8);
            slot = (slot + 1) & mask;
        }
        var reference = Add(utf8);
        _entries[_entryCount] = reference;
        _slots[slot] = ++_entryCount;
        return reference;
    }

    public Utf8Ref Intern(string value)
    {
        Span<byte> buffer = stackalloc byte[MaxInternLength];
        return Encoding.UTF8.TryGetBytes(value, buffer, out var written) ? Intern(buffer[..written]) : Add(value);
    }

    public ReadOnlySpan<byte> AsBytes() => _bytes.AsBytes();

    public void Load(int count, ReadOnlySpan<byte> bytes)
    {
        ResetIntern();
        _bytes.Load(count, bytes);
    }

    public void Clear()
    {
        _bytes.Clear();
        ResetIntern();
    }

    public void Release()
    {
        _bytes.Release();
        if (_slots.Length > 0) ArrayPool<int>.Shared.Return(_slots);
        if (_entries.Length > 0) ArrayPool<Utf8Ref>.Shared.Return(_entries);
        _slots = [];
        _entries = [];
        _entryCount = 0;
        _slotMask = -1;
    }

    private void ResetIntern()
    {
        if (_entryCount == 0) return;
        _slots.AsSpan().Clear();
        _entryCount = 0;
    }

    private void Rehash()
    {
        var size = Math.Max(64, (_slotMask + 1) * 2);
        var slots = ArrayPool<int>.Shared.Rent(size);
        // Rent may return a larger array; only a power of two keeps the mask arithmetic right.
        var usable = 1 << (31 - int.LeadingZeroCount(slots.Length));
        var table = slots.AsSpan(0, usable);
        table.Clear();
        var entries = ArrayPool<Utf8Ref>.Shared.Rent(usable / 2 + 1);
        _entries.AsSpan(0, _entryCount).CopyTo(entries);
        var mask = usable - 1;
        for (var i = 0; i < _entryCount; i++)
        {
            var slot = (int)StringHash.Of(this[entries[i]]) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = i + 1;
        }
        if (_slots.Length > 0) ArrayPool<int>.Shared.Return(_slots);
        if (_entries.Length > 0) ArrayPool<Utf8Ref>.Shared.Return(_entries);
        _slots = slots;
        _slotMask = mask;
        _entries = entries;
    }
}
