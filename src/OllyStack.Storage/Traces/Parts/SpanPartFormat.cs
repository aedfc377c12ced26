namespace OllyStack.Storage.Traces.Parts;

/// <summary>Constants of the span part file (docs/format/span-part.md).</summary>
internal static class SpanPartFormat
{
    public static readonly PartKind Kind = new("OLSP", 2, "span part", ".spanpart");
}
