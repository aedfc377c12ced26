using Microsoft.Win32.SafeHandles;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>
/// An open, immutable log part: header and stream table in memory, blocks read from the file on demand (one pread
/// each, checksum verified). Thread-safe for reads; readers hold it (<see cref="TryAcquire"/>) while they read blocks.
/// </summary>
public sealed class LogPart : IRecordPart
{
    private readonly SafeFileHandle _file;
    private readonly PartLifetime _lifetime;

    private LogPart(string path, PartId id, SafeFileHandle file, PartHeader header, List<LogPartStream> streams, long length)
    {
        Path = path;
        Id = id;
        _file = file;
        _lifetime = new PartLifetime(file, path);
        Header = header;
        Streams = streams;
        Length = length;
    }

    public string Path { get; }

    public PartId Id { get; }

    public PartHeader Header { get; }

    public IReadOnlyList<LogPartStream> Streams { get; }

    /// <summary>Bytes on disk.</summary>
    public long Length { get; }

    /// <param name="intern">Hands out the tenant's one <see cref="LogStream"/> for a label set.</param>
    /// <exception cref="InvalidDataException">The file is not a complete, undamaged part.</exception>
    public static LogPart Open(string path, PartId id, Func<KeyValuePair<string, string>[], LogStream> intern)
    {
        var (file, header, streams, length) = PartFile.Open(path, LogPartFormat.Kind, (table, tableOffset) => LogPartTable.Read(table, tableOffset, intern));
        return new LogPart(path, id, file, header, streams, length);
    }

    /// <summary>The block's payload, checksum verified.</summary>
    /// <exception cref="InvalidDataException">The block is damaged.</exception>
    public ReadOnlyMemory<byte> ReadBlock(LogBlockRef block) => PartBlockFrame.Read(_file, Path, block.Offset, block.Length);

    public bool TryAcquire() => _lifetime.TryAcquire();

    public void Release() => _lifetime.Release();

    public void Retire() => _lifetime.Retire();

    public void Close() => _lifetime.Close();
}
