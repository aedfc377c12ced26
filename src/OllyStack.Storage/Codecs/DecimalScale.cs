using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// Exact conversion between a double and a decimal mantissa m at scale s (value = m / 10^s). The test is the decoder's
/// own arithmetic: a value has a mantissa at scale s only if <see cref="Unscale"/> gives back the same 64 bits, so a
/// decimal-coded block can never be lossy, whatever the rounding of the multiplication that proposed m. Division by an
/// exact power of ten is correctly rounded, so 12.34 is m = 1234 at scale 2 but 0.1 + 0.2 (0.30000000000000004) needs
/// scale 17. NaN, infinities and -0.0 have no mantissa.
/// </summary>
internal static class DecimalScale
{
    public const int MaxScale = 18;

    /// <summary>What <see cref="Smallest"/> returns for a value without a mantissa at any scale up to <see cref="MaxScale"/>.</summary>
    public const int None = MaxScale + 1;

    /// <summary>Every power of ten up to 10^18 is an exact double (5^18 &lt; 2^53), so division by it rounds once.</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ];

    private const double TwoToThe63 = 9223372036854775808.0;

    public static double Unscale(long mantissa, int scale) => (double)mantissa / PowersOfTen[scale];

    /// <summary>
    /// <see cref="Unscale(long, int)"/> of each of <paramref name="mantissas"/>, in place: the block's values are its
    /// mantissas, read as doubles afterwards. Four at a time where the CPU converts and divides vectors; both steps
    /// round as the scalar ones do, so the bits are the same.
    /// </summary>
    public static void UnscaleInPlace(Span<long> mantissas, int scale)
    {
        var values = MemoryMarshal.Cast<long, double>(mantissas);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var divisors = Vector256.Create(PowersOfTen[scale]);
            for (; i <= mantissas.Length - Vector256<long>.Count; i += Vector256<long>.Count)
                (Vector256.ConvertToDouble(Vector256.Create<long>(mantissas[i..])) / divisors).CopyTo(values[i..]);
        }
        for (; i < mantissas.Length; i++) values[i] = Unscale(mantissas[i], scale);
    }

    public static bool TryScale(double value, int scale, out long mantissa)
    {
        var scaled = value * PowersOfTen[scale];
        if (!(Math.Abs(scaled) < TwoToThe63))
        {
            mantissa = 0;
            return false;
        }
        mantissa = (long)Math.Round(scaled);
        return BitConverter.DoubleToInt64Bits(Unscale(mantissa, scale)) == BitConverter.DoubleToInt64Bits(value);
    }

    /// <summary>
    /// How far, in units in the last place, a value may lie from a decimal to be stored as that decimal's mantissa plus
    /// a correction (<see cref="TryApproximate"/>): a correction within it takes one or two varint bytes.
    /// </summary>
    public const long MaxUlpCorrection = 1024;

    /// <summary>
    /// The mantissa at <paramref name="scale"/> whose value lies nearest <paramref name="value"/> and the difference of
    /// their bit patterns, <paramref name="ulps"/> (0 when exact); false when that is more than
    /// <see cref="MaxUlpCorrection"/>. Catches the results of arithmetic on decimals, such as 1.7619999999999998, one
    /// ulp below 1.762, whose exact decimal form needs 16 digits.
    /// </summary>
    public static bool TryApproximate(double value, int scale, out long mantissa, out long ulps)
    {
        var scaled = value * PowersOfTen[scale];
        if (!(Math.Abs(scaled) < TwoToThe63))
        {
            mantissa = ulps = 0;
            return false;
        }
        mantissa = (long)Math.Round(scaled);
        ulps = BitConverter.DoubleToInt64Bits(value) - BitConverter.DoubleToInt64Bits(Unscale(mantissa, scale));
        // Unsigned, because the difference can be long.MinValue (-0.0 against 0.0), which has no absolute value.
        return (ulong)(ulps + MaxUlpCorrection) <= 2 * MaxUlpCorrection;
    }

    /// <summary>
    /// The smallest scale at which <paramref name="value"/> has a mantissa, or <see cref="None"/>, and that mantissa.
    /// Starts from <paramref name="hint"/>, the previous value's scale, because neighbouring samples of a series almost
    /// always share it: then one conversion settles it, and trailing decimal zeros of the mantissa give the smaller
    /// scales. That takes a unique mantissa: below 2^52 neighbouring mantissas are more than an ulp of the value
    /// apart, so only one converts back; above it (16-digit values) each smaller scale is converted and checked.
    /// Searches down when the hint overflows 64 bits, up when it leaves a fraction.
    /// </summary>
    public static int Smallest(double value, int hint, out long mantissa)
    {
        if (!double.IsFinite(value) || double.IsNegative(value) && value == 0)
        {
            mantissa = 0;
            return None;
        }
        if (TryScale(value, hint, out mantissa))
        {
            var scale = hint;
            while (scale > 0)
            {
                if (Math.Abs(mantissa) < UniqueMantissaLimit)
                {
                    if (mantissa % 10 != 0) break;
                    mantissa /= 10;
                }
                else if (TryScale(value, scale - 1, out var smaller))
                {
                    mantissa = smaller;
                }
                else
                {
                    break;
                }
                scale--;
            }
            return scale;
        }
        var overflows = Math.Abs(value) * PowersOfTen[hint] >= TwoToThe63;
        for (var scale = overflows ? 0 : hint + 1; scale <= (overflows ? hint - 1 : MaxScale); scale++)
            if (TryScale(value, scale, out mantissa)) return scale;
        mantissa = 0;
        return None;
    }

    /// <summary>
    /// <paramref name="mantissa"/>, a mantissa at <paramref name="scale"/>, as a mantissa at the larger
    /// <paramref name="target"/> scale; false when that does not fit 64 bits or no longer converts back exactly.
    /// </summary>
    public static bool TryRescale(double value, long mantissa, int scale, int target, out long rescaled)
    {
        var factor = IntegerPowersOfTen[target - scale];
        rescaled = mantissa * factor;
        if (Math.Abs(mantissa) <= MaxExactMantissa / factor) return true;
        return TryScale(value, target, out rescaled);
    }

    /// <summary>Integers up to 2^53 are exact doubles: a mantissa within it stands for exactly the rational it names.</summary>
    private const long MaxExactMantissa = 1L << 53;

    /// <summary>Below 2^52, mantissas m and m + 1 at one scale are more than an ulp of the value apart.</summary>
    private const long UniqueMantissaLimit = 1L << 52;

    private static ReadOnlySpan<long> IntegerPowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];
}
