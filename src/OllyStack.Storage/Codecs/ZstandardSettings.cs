using ZstdSharp;
using ZstdSharp.Unsafe;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// The Zstandard frame a sample block stores: no magic number, content size, checksum or dictionary id, because the
/// block header already says the codec and the body length and the block checksum covers the frame. That saves
/// 9 to 13 bytes a block, which matters for the short blocks of sparse series.
/// </summary>
internal static class ZstandardSettings
{
    public const int DefaultLevel = 3;

    // zstd.h: #define ZSTD_c_format ZSTD_c_experimentalParam2, #define ZSTD_d_format ZSTD_d_experimentalParam1.
    private const ZSTD_cParameter CompressionFormat = ZSTD_cParameter.ZSTD_c_experimentalParam2;
    private const ZSTD_dParameter DecompressionFormat = ZSTD_dParameter.ZSTD_d_experimentalParam1;

    public static Compressor CreateCompressor(int level)
    {
        var compressor = new Compressor(level);
        compressor.SetParameter(CompressionFormat, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 0);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        return compressor;
    }

    public static Decompressor CreateDecompressor()
    {
        var decompressor = new Decompressor();
        decompressor.SetParameter(DecompressionFormat, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        return decompressor;
    }

    /// <summary>
    /// Decompresses <paramref name="stored"/> into all of <paramref name="plain"/>; anything else (a frame that does
    /// not decode, or decodes to another length) is <see cref="InvalidDataException"/> naming <paramref name="what"/>.
    /// </summary>
    public static void DecompressExactly(Decompressor decompressor, ReadOnlySpan<byte> stored, Span<byte> plain, string what)
    {
        int written;
        try
        {
            if (!decompressor.TryUnwrap(stored, plain, out written)) written = -1;
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"{what} does not decompress: {e.Message}", e);
        }
        if (written != plain.Length) throw new InvalidDataException($"{what} decompresses to {written} bytes, header says {plain.Length}");
    }
}
