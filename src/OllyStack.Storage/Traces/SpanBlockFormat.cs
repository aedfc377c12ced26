namespace OllyStack.Storage.Traces;

/// <summary>Constants of the span block (docs/format/span-part.md, "Block").</summary>
internal static class SpanBlockFormat
{
    public const byte Version = 1;

    /// <summary>A block is closed at the first trace boundary at or past this many spans.</summary>
    public const int TargetSpans = 4096;

    /// <summary>A block claiming more spans than this is refused.</summary>
    public const int MaxSpans = 1 << 24;

    /// <summary>A block whose columns claim to decompress to more than this is refused.</summary>
    public const int MaxColumnsLength = 256 << 20;
}
