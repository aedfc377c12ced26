using System.Reflection;
using System.Text;
using Google.Protobuf.Reflection;

namespace OllyStack.Ingest.Otlp;

/// <summary>
/// The value names of one OTLP enum ("SPAN_KIND_SERVER" = 2), taken from the generated type's
/// <see cref="OriginalNameAttribute"/>s so they follow the .proto files. OTLP/JSON asks for enum numbers; names
/// are accepted for leniency, as ProtoJSON parsers do.
/// </summary>
internal sealed class OtlpJsonEnum
{
    public static readonly OtlpJsonEnum SeverityNumber = Of<Logs.SeverityNumber>();
    public static readonly OtlpJsonEnum SpanKind = Of<Trace.Span.Types.SpanKind>();
    public static readonly OtlpJsonEnum StatusCode = Of<Trace.Status.Types.StatusCode>();
    public static readonly OtlpJsonEnum AggregationTemporality = Of<Metrics.AggregationTemporality>();

    private readonly (byte[] Name, int Value)[] _values;

    private OtlpJsonEnum(string name, (byte[] Name, int Value)[] values)
    {
        Name = name;
        _values = values;
    }

    /// <summary>The enum's proto name, for error messages.</summary>
    public string Name { get; }

    public bool TryGetValue(ReadOnlySpan<byte> name, out int value)
    {
        foreach (var candidate in _values)
        {
            if (!name.SequenceEqual(candidate.Name)) continue;
            value = candidate.Value;
            return true;
        }
        value = 0;
        return false;
    }

    private static OtlpJsonEnum Of<TEnum>() where TEnum : struct, Enum
    {
        var values = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (Encoding.UTF8.GetBytes(field.GetCustomAttribute<OriginalNameAttribute>()!.Name), Convert.ToInt32(field.GetValue(null))))
            .ToArray();
        return new OtlpJsonEnum(typeof(TEnum).Name, values);
    }
}
