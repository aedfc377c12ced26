using Microsoft.Win32.SafeHandles;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// An open, immutable span part: header and table in memory, blocks read from the file on demand (one pread each,
/// checksum verified). Thread-safe for reads; readers hold it (<see cref="TryAcquire"/>) while they read blocks.
/// </summary>
public sealed class SpanPart : IRecordPart
{
    private readonly SafeFileHandle _file;
    private readonly PartLifetime _lifetime;
    private long _blockReads;

    private SpanPart(string path, PartId id, SafeFileHandle file, PartHeader header, SpanPartTable table, long length)
    {
        Path = path;
        Id = id;
        _file = file;
        _lifetime = new PartLifetime(file, path);
        Header = header;
        Table = table;
        Length = length;
    }

    public string Path { get; }

    public PartId Id { get; }

    /// <summary>The part's span count and the range of their start times.</summary>
    public PartHeader Header { get; }

    public SpanPartTable Table { get; }

    /// <summary>Bytes on disk.</summary>
    public long Length { get; }

    /// <summary>How many blocks were read from the file since it was opened: what a lookup that should not touch the part must leave alone.</summary>
    public long BlockReads => Interlocked.Read(ref _blockReads);

    /// <exception cref="InvalidDataException">The file is not a complete, undamaged span part.</exception>
    public static SpanPart Open(string path, PartId id)
    {
        var (file, header, table, length) = PartFile.Open(path, SpanPartFormat.Kind, (bytes, blocksEnd) => SpanPartTable.Read(bytes, blocksEnd));
        return new SpanPart(path, id, file, header, table, length);
    }

    /// <summary>The block's payload, checksum verified.</summary>
    /// <exception cref="InvalidDataException">The block is damaged.</exception>
    public ReadOnlyMemory<byte> ReadBlock(SpanBlockRef block)
    {
        Interlocked.Increment(ref _blockReads);
        return PartBlockFrame.Read(_file, Path, block.Offset, block.Length);
    }

    public bool Overlaps(long startUnixNano, long endUnixNano) => Header.MaxTimeUnixNano >= startUnixNano && Header.MinTimeUnixNano < endUnixNano;

    public bool TryAcquire() => _lifetime.TryAcquire();

    public void Release() => _lifetime.Release();

    public void Retire() => _lifetime.Retire();

    public void Close() => _lifetime.Close();
}
