namespace OllyStack.Storage.Logs;

/// <summary>Constants of the log body block (docs/format/log-body-block.md).</summary>
internal static class LogBodyFormat
{
    public const byte Version = 1;

    /// <summary>Version, compression, plain payload length (at most 5 bytes).</summary>
    public const int MaxHeaderLength = 7;

    public const int ChecksumLength = 4;

    /// <summary>A payload larger than this is refused on decode: a block holds a few thousand bodies, not gigabytes.</summary>
    public const int MaxPayloadLength = 256 << 20;

    public const byte KindText = 0;

    public const byte KindInteger = 1;
}
