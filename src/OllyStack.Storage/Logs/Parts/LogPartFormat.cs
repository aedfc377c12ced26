namespace OllyStack.Storage.Logs.Parts;

/// <summary>Constants of the log part file (docs/format/log-part.md).</summary>
internal static class LogPartFormat
{
    public const byte Version = 1;

    public const int HeaderLength = 32;

    /// <summary>Each block's frame: payload length (4), payload CRC-32C (4).</summary>
    public const int FrameLength = 8;

    public const string Extension = ".logpart";

    public static ReadOnlySpan<byte> Magic => "OLLP"u8;
}
