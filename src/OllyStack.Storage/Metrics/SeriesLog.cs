using OllyStack.Core.Durability;
using System.Buffers.Binary;
using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// One tenant's series keys in the order their refs were handed out (docs/format/series-log.md), so that a restart
/// gives every series the ref the on-disk parts know it by. Append-only; each record carries its own checksum, and a
/// torn tail left by a crash is cut off on open. Parts only ever reference series whose records were fsynced first.
/// </summary>
public sealed class SeriesLog : IDisposable
{
    internal static ReadOnlySpan<byte> Magic => "OSSL\u0001\0\0\0"u8;

    /// <summary>Keys longer than this are not series keys but damage: label sets are limited far below it at ingest.</summary>
    private const int MaxKeyLength = 1 << 20;

    private readonly FileStream _file;
    private byte[] _record = new byte[256];

    private SeriesLog(FileStream file) => _file = file;

    /// <summary>How many series the log holds, durable or not yet flushed.</summary>
    public int Count { get; private set; }

    /// <summary>Opens or creates the log at <paramref name="path"/> and returns the keys it holds, in ref order.</summary>
    public static SeriesLog Open(string path, out List<byte[]> keys)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        try
        {
            keys = ReadAll(file, out var validLength);
            if (validLength < file.Length) file.SetLength(validLength);
            if (validLength == 0)
            {
                file.Write(Magic);
                file.Flush(flushToDisk: true);
            }
            file.Position = file.Length;
            return new SeriesLog(file) { Count = keys.Count };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends a key (buffered: durable after <see cref="Sync"/>).</summary>
    public void Append(ReadOnlySpan<byte> key)
    {
        var needed = Varint.MaxLength + key.Length + sizeof(uint);
        if (_record.Length < needed) _record = new byte[Math.Max(needed, _record.Length * 2)];
        var length = Varint.Write(_record, (ulong)key.Length);
        key.CopyTo(_record.AsSpan(length));
        length += key.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(length), Crc32C.Compute(_record.AsSpan(0, length)));
        _file.Write(_record, 0, length + sizeof(uint));
        Count++;
    }

    /// <summary>Makes every appended key durable.</summary>
    public void Sync() => _file.Flush(flushToDisk: true);

    public void Dispose() => _file.Dispose();

    private static List<byte[]> ReadAll(FileStream file, out long validLength)
    {
        var keys = new List<byte[]>();
        validLength = 0;
        if (file.Length == 0) return keys;
        var content = new byte[file.Length];
        file.ReadExactly(content);
        if (content.Length < Magic.Length || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{file.Name} is not a series log (bad magic)");
        var position = Magic.Length;
        while (TryReadRecord(content.AsSpan(position), out var key, out var recordLength))
        {
            keys.Add(key);
            position += recordLength;
        }
        validLength = position;
        return keys;
    }

    /// <summary>False at the end, or at a record cut short or damaged: everything from there on is a torn tail.</summary>
    private static bool TryReadRecord(ReadOnlySpan<byte> source, out byte[] key, out int recordLength)
    {
        key = [];
        recordLength = 0;
        try
        {
            var rest = Varint.ReadBounded(source, MaxKeyLength, "series key length", out var keyLength);
            var headerLength = source.Length - rest.Length;
            if (rest.Length < keyLength + sizeof(uint)) return false;
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(rest[keyLength..]);
            if (checksum != Crc32C.Compute(source[..(headerLength + keyLength)])) return false;
            key = rest[..keyLength].ToArray();
            recordLength = headerLength + keyLength + sizeof(uint);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
