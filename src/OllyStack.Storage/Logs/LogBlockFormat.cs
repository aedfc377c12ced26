namespace OllyStack.Storage.Logs;

/// <summary>Constants of the log block (docs/format/log-part.md, "Block").</summary>
internal static class LogBlockFormat
{
    public const byte Version = 1;

    /// <summary>A block holds at most this many records, so that one read decodes a bounded amount.</summary>
    public const int MaxRows = 4096;

    /// <summary>...and stops earlier once its bodies reach this many UTF-16 characters.</summary>
    public const int MaxBodyChars = 1 << 20;

    /// <summary>A block whose columns claim to decompress to more than this is refused.</summary>
    public const int MaxColumnsLength = 64 << 20;
}
