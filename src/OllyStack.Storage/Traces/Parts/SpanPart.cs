using Microsoft.Win32.SafeHandles;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// An open, immutable span part: header and table in memory, blocks read from the file on demand (one pread each,
/// checksum verified). Thread-safe for reads.
/// </summary>
public sealed class SpanPart : IDisposable
{
    private readonly SafeFileHandle _file;
    private long _blockReads;

    private SpanPart(string path, SafeFileHandle file, PartHeader header, SpanPartTable table, long length)
    {
        Path = path;
        _file = file;
        Header = header;
        Table = table;
        Length = length;
    }

    public string Path { get; }

    /// <summary>The part's span count and the range of their start times.</summary>
    public PartHeader Header { get; }

    public SpanPartTable Table { get; }

    /// <summary>Bytes on disk.</summary>
    public long Length { get; }

    /// <summary>How many blocks were read from the file since it was opened: what a lookup that should not touch the part must leave alone.</summary>
    public long BlockReads => Interlocked.Read(ref _blockReads);

    /// <exception cref="InvalidDataException">The file is not a complete, undamaged span part.</exception>
    public static SpanPart Open(string path)
    {
        var (file, header, table, length) = PartFile.Open(path, SpanPartFormat.Kind, (bytes, blocksEnd) => SpanPartTable.Read(bytes, blocksEnd));
        return new SpanPart(path, file, header, table, length);
    }

    /// <summary>The block's payload, checksum verified.</summary>
    /// <exception cref="InvalidDataException">The block is damaged.</exception>
    public ReadOnlyMemory<byte> ReadBlock(SpanBlockRef block)
    {
        Interlocked.Increment(ref _blockReads);
        return PartBlockFrame.Read(_file, Path, block.Offset, block.Length);
    }

    public bool Overlaps(long startUnixNano, long endUnixNano) => Header.MaxTimeUnixNano >= startUnixNano && Header.MinTimeUnixNano < endUnixNano;

    public void Dispose() => _file.Dispose();
}
