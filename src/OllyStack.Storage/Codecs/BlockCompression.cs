namespace OllyStack.Storage.Codecs;

/// <summary>
/// The general-purpose compressor a sample block may pass its encoded body through; the value is what the block's
/// format byte carries (bits 0..3). The encoder keeps the compressed body only when the whole block gets smaller.
/// </summary>
public enum BlockCompression : byte
{
    None = 0,

    /// <summary>LZ4 block format (K4os.Compression.LZ4): fast enough for the hot tier.</summary>
    Lz4 = 1,

    /// <summary>Zstandard frame without magic number, content size, checksum or dictionary id (ZstdSharp): warm and cold tiers.</summary>
    Zstandard = 2,
}
