using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Reads a <see cref="BitWriter"/> stream. Keeps up to 64 bits in a register and refills it with one unaligned 8-byte
/// load while eight bytes remain (the bits above the counted ones are the correct next stream bits, so loading them
/// twice is harmless), byte by byte near the end. Reading past the input throws <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> source;
    private int nextByte;
    private ulong buffer;
    private int bufferedBits;

    public BitReader(ReadOnlySpan<byte> source) => this.source = source;

    /// <summary>The input after the last byte any bit was read from.</summary>
    public readonly ReadOnlySpan<byte> Rest => source[(int)((ConsumedBits + 7) >> 3)..];

    private readonly long ConsumedBits => (long)nextByte * 8 - bufferedBits;

    /// <summary>Reads <paramref name="count"/> (0..64) bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read(int count)
    {
        if (count > 56) return ReadWide(count);
        if (bufferedBits < count)
        {
            Refill();
            if (bufferedBits < count) throw Truncated();
        }
        var value = buffer & ((1UL << count) - 1);
        buffer >>= count;
        bufferedBits -= count;
        return value;
    }

    /// <summary>
    /// Counts the zero bits before the next one bit, looking at no more than <paramref name="limit"/> (at most 56)
    /// bits, and consumes them and the one bit; returns <paramref name="limit"/>, consuming <paramref name="limit"/>
    /// zero bits, when there is no one bit within the limit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnary(int limit)
    {
        if (bufferedBits <= limit) Refill();
        var zeros = BitOperations.TrailingZeroCount(buffer | (1UL << limit));
        var consumed = zeros < limit ? zeros + 1 : limit;
        if (consumed > bufferedBits) throw Truncated();
        buffer >>= consumed;
        bufferedBits -= consumed;
        return zeros;
    }

    /// <summary>
    /// Reads a Rice code with parameter <paramref name="k"/> and quotient below <paramref name="escapeQuotient"/> in
    /// one step when all its bits are already buffered, the common case; otherwise consumes nothing and returns false,
    /// and the caller reads it with <see cref="ReadUnary"/> and <see cref="Read"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadRice(int k, int escapeQuotient, out ulong value)
    {
        if (bufferedBits < 32) Refill();
        var quotient = BitOperations.TrailingZeroCount(buffer);
        var length = quotient + 1 + k;
        if (quotient >= escapeQuotient || length > bufferedBits)
        {
            value = 0;
            return false;
        }
        value = ((ulong)quotient << k) | ((buffer >> (quotient + 1)) & ((1UL << k) - 1));
        buffer = length == 64 ? 0 : buffer >> length;
        bufferedBits -= length;
        return true;
    }

    /// <summary>
    /// Reads Rice codes with parameter <paramref name="k"/> into <paramref name="destination"/> while none is escaped
    /// and eight input bytes remain to refill from; returns how many it read. It stops before a code it cannot take (an
    /// escape, the stream's last bytes, a k too wide, the destination's last few), which the caller reads with
    /// <see cref="TryReadRice"/>. One unconditional refill serves as many codes as 56 bits surely hold, so the loop
    /// has no data-dependent branch but the escape test and loads once per few codes: residuals cost a couple of
    /// cycles each instead of a refill test and a mispredicted branch every few codes.
    /// </summary>
    public int ReadRiceRun(int k, int escapeQuotient, Span<ulong> destination)
    {
        // After a refill at least 56 bits are buffered: that many unescaped codes of up to escapeQuotient + k bits fit.
        var perRefill = 56 / (escapeQuotient + k);
        if (perRefill == 0) return 0;
        var (buffer, bufferedBits, nextByte) = (this.buffer, this.bufferedBits, this.nextByte);
        var lastLoad = source.Length - sizeof(ulong);
        var mask = (1UL << k) - 1;
        var read = 0;
        var escaped = false;
        while (!escaped && destination.Length - read >= perRefill && nextByte <= lastLoad)
        {
            buffer |= BinaryPrimitives.ReadUInt64LittleEndian(source[nextByte..]) << bufferedBits;
            nextByte += (63 - bufferedBits) >> 3;
            bufferedBits |= 56;
            for (var code = 0; code < perRefill; code++)
            {
                var quotient = BitOperations.TrailingZeroCount(buffer);
                escaped = quotient >= escapeQuotient;
                if (escaped) break;
                destination[read++] = ((ulong)quotient << k) | ((buffer >> (quotient + 1)) & mask);
                var length = quotient + 1 + k;
                buffer >>= length;
                bufferedBits -= length;
            }
        }
        (this.buffer, this.bufferedBits, this.nextByte) = (buffer, bufferedBits, nextByte);
        return read;
    }

    private ulong ReadWide(int count)
    {
        var low = Read(32);
        return low | (Read(count - 32) << 32);
    }

    private void Refill()
    {
        if (source.Length - nextByte >= sizeof(ulong))
        {
            buffer |= BinaryPrimitives.ReadUInt64LittleEndian(source[nextByte..]) << bufferedBits;
            nextByte += (63 - bufferedBits) >> 3;
            bufferedBits |= 56;
            return;
        }
        while (bufferedBits <= 56 && nextByte < source.Length)
        {
            buffer |= (ulong)source[nextByte++] << bufferedBits;
            bufferedBits += 8;
        }
    }

    private static InvalidDataException Truncated() => new("bit stream ends early");
}
