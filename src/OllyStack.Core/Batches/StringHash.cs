using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OllyStack.Core.Batches;

/// <summary>
/// The hash behind string interning: a few overlapping 8-byte loads and multiplies for strings up to 32 bytes
/// (label names and values, attribute keys: nearly all of them), XxHash3 beyond. Not collision-resistant against
/// chosen input; <see cref="Utf8Heap"/> bounds its probing so a crafted batch degrades to not interning.
/// </summary>
internal static class StringHash
{
    private const ulong K1 = 0x9E3779B97F4A7C15;
    private const ulong K2 = 0xC2B2AE3D27D4EB4F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(ReadOnlySpan<byte> s)
    {
        var length = (ulong)s.Length;
        if (s.Length >= 8)
        {
            var first = MemoryMarshal.Read<ulong>(s);
            var last = MemoryMarshal.Read<ulong>(s[^8..]);
            if (s.Length <= 16) return Mix(first, last, length);
            if (s.Length <= 32)
                return Mix(Mix(first, MemoryMarshal.Read<ulong>(s[8..]), length), Mix(MemoryMarshal.Read<ulong>(s[^16..]), last, length), length);
            return XxHash3.HashToUInt64(s);
        }
        ulong packed = 0;
        for (var i = 0; i < s.Length; i++) packed |= (ulong)s[i] << (i * 8);
        return Mix(packed, 0, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b, ulong length)
    {
        var h = (a * K1) ^ ((b + length) * K2);
        h ^= h >> 31;
        h *= K1;
        return h ^ (h >> 29);
    }
}
