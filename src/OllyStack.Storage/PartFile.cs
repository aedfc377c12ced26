using Microsoft.Win32.SafeHandles;

namespace OllyStack.Storage;

/// <summary>Opens the file of a log or span part and checks its header, footer and table before anything is believed.</summary>
internal static class PartFile
{
    /// <summary>
    /// The open file (read-only, deletable while open), its header and its table as <paramref name="readTable"/> makes
    /// it from the table's bytes and offset (where the blocks end).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a complete, undamaged part of <paramref name="kind"/>; the message names the file.</exception>
    public static (SafeFileHandle File, PartHeader Header, TTable Table, long Length) Open<TTable>(string path, PartKind kind, Func<byte[], long, TTable> readTable)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var length = RandomAccess.GetLength(file);
            if (length < PartKind.HeaderLength) throw new InvalidDataException($"{length} bytes is too short for a {kind.Name}");
            Span<byte> header = stackalloc byte[PartKind.HeaderLength];
            RandomAccess.Read(file, header, 0);
            var parsed = PartHeader.Read(header, kind);
            var (table, tableOffset) = PartFooter.ReadTable(file, length, PartKind.HeaderLength);
            return (file, parsed, readTable(table, tableOffset), length);
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
}
