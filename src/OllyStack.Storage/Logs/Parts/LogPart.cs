using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using OllyStack.Core.Durability;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>
/// An open, immutable log part: header and stream table in memory, blocks read from the file on demand (one pread
/// each, checksum verified). Thread-safe for reads.
/// </summary>
public sealed class LogPart : IDisposable
{
    private readonly SafeFileHandle _file;

    private LogPart(string path, SafeFileHandle file, LogPartHeader header, List<LogPartStream> streams, long length)
    {
        Path = path;
        _file = file;
        Header = header;
        Streams = streams;
        Length = length;
    }

    public string Path { get; }

    public LogPartHeader Header { get; }

    public IReadOnlyList<LogPartStream> Streams { get; }

    /// <summary>Bytes on disk.</summary>
    public long Length { get; }

    /// <param name="intern">Hands out the tenant's one <see cref="LogStream"/> for a label set.</param>
    /// <exception cref="InvalidDataException">The file is not a complete, undamaged part.</exception>
    public static LogPart Open(string path, Func<KeyValuePair<string, string>[], LogStream> intern)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var length = RandomAccess.GetLength(file);
            if (length < LogPartFormat.HeaderLength) throw new InvalidDataException($"{length} bytes is too short for a log part");
            Span<byte> header = stackalloc byte[LogPartFormat.HeaderLength];
            RandomAccess.Read(file, header, 0);
            var parsed = LogPartHeader.Read(header);
            var (table, tableOffset) = PartFooter.ReadTable(file, length, LogPartFormat.HeaderLength);
            var streams = LogPartTable.Read(table, tableOffset, intern);
            return new LogPart(path, file, parsed, streams, length);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The block's payload, checksum verified.</summary>
    /// <exception cref="InvalidDataException">The block is damaged.</exception>
    public ReadOnlyMemory<byte> ReadBlock(LogBlockRef block)
    {
        var frame = new byte[block.Length];
        if (RandomAccess.Read(_file, frame, block.Offset) != frame.Length) throw new InvalidDataException($"{Path}: block at {block.Offset} cut short");
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(frame);
        if (payloadLength != block.Length - LogPartFormat.FrameLength) throw new InvalidDataException($"{Path}: block at {block.Offset} frame length mismatch");
        var payload = frame.AsMemory(LogPartFormat.FrameLength);
        if (Crc32C.Compute(payload.Span) != BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4))) throw new InvalidDataException($"{Path}: block at {block.Offset} checksum mismatch");
        return payload;
    }

    public void Dispose() => _file.Dispose();
}
