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
    /// The smallest scale at which <paramref name="value"/> has a mantissa, or <see cref="None"/>. Starts from
    /// <paramref name="hint"/>, the previous value's scale, because neighbouring samples of a series almost always
    /// share it: then two conversions settle it. Searches down when the hint fits or overflows 64 bits, up when it
    /// leaves a fraction.
    /// </summary>
    public static int Smallest(double value, int hint)
    {
        if (!double.IsFinite(value) || double.IsNegative(value) && value == 0) return None;
        if (TryScale(value, hint, out _))
        {
            var scale = hint;
            while (scale > 0 && TryScale(value, scale - 1, out _)) scale--;
            return scale;
        }
        if (Math.Abs(value) * PowersOfTen[hint] >= TwoToThe63)
        {
            for (var scale = 0; scale < hint; scale++)
                if (TryScale(value, scale, out _)) return scale;
            return None;
        }
        for (var scale = hint + 1; scale <= MaxScale; scale++)
            if (TryScale(value, scale, out _)) return scale;
        return None;
    }
}
