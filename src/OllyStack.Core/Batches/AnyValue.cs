using System.Runtime.InteropServices;

namespace OllyStack.Core.Batches;

/// <summary>
/// One OpenTelemetry AnyValue inside a batch: scalars in <see cref="Scalar"/> (int64, double bits or 0/1),
/// strings, bytes and JSON-encoded arrays and maps in <see cref="Text"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct AnyValue(AnyValueKind Kind, long Scalar, Utf8Ref Text)
{
    public static AnyValue OfString(Utf8Ref text) => new(AnyValueKind.String, 0, text);

    public static AnyValue OfBool(bool value) => new(AnyValueKind.Bool, value ? 1 : 0, Utf8Ref.Empty);

    public static AnyValue OfInt(long value) => new(AnyValueKind.Int, value, Utf8Ref.Empty);

    public static AnyValue OfDouble(double value) => new(AnyValueKind.Double, BitConverter.DoubleToInt64Bits(value), Utf8Ref.Empty);

    public double AsDouble => BitConverter.Int64BitsToDouble(Scalar);

    /// <summary>The value as text: strings as they are, numbers and booleans formatted, bytes as base64, arrays and maps as their JSON.</summary>
    public string ToText(Utf8Heap strings) => Kind switch
    {
        AnyValueKind.String or AnyValueKind.Array or AnyValueKind.KeyValueList => strings.GetString(Text),
        AnyValueKind.Bool => Scalar != 0 ? "true" : "false",
        AnyValueKind.Int => Scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValueKind.Double => AsDouble.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        AnyValueKind.Bytes => Convert.ToBase64String(strings[Text]),
        _ => "",
    };
}
