using System.Buffers;
using OllyStack.Core.Durability;

namespace OllyStack.Storage;

/// <summary>
/// Writes the file of a log or span part: room for a fixed header, framed blocks (<see cref="PartBlockFrame"/>), the
/// table and <see cref="PartFooter"/>, then the header over the room left for it. The file is written under a
/// temporary name and renamed once fsynced (and its folder fsynced), so a part under its final name is complete;
/// disposing a writer that did not complete removes the temporary file.
/// </summary>
internal sealed class PartFileWriter : IDisposable
{
    private const string TemporaryExtension = ".tmp";

    private readonly string _directory;
    private readonly string _fileName;
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _footer = new();
    private bool _completed;

    public PartFileWriter(string directory, string fileName, int headerLength)
    {
        _directory = directory;
        _fileName = fileName;
        Directory.CreateDirectory(directory);
        _file = new FileStream(TemporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _file.Write(new byte[headerLength]);
    }

    private string TemporaryPath => Path.Combine(_directory, _fileName + TemporaryExtension);

    /// <summary>True for the leftovers of a writer that never completed, which a store removes on open.</summary>
    public static bool IsTemporary(string path) => path.EndsWith(TemporaryExtension, StringComparison.Ordinal);

    /// <summary>Appends a framed block; returns where its frame starts and its length, frame included.</summary>
    public (long Offset, int Length) WriteBlock(ReadOnlySpan<byte> payload)
    {
        var offset = _file.Position;
        PartBlockFrame.Write(_file, payload);
        return (offset, PartBlockFrame.Length + payload.Length);
    }

    /// <summary>Appends the table and footer, writes the header, makes the file durable under its final name; returns its path.</summary>
    public string Complete(ReadOnlySpan<byte> table, ReadOnlySpan<byte> header)
    {
        PartFooter.Append(table, _file.Position, _footer);
        _file.Write(_footer.WrittenSpan);
        _file.Position = 0;
        _file.Write(header);
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        var path = Path.Combine(_directory, _fileName);
        File.Move(TemporaryPath, path, overwrite: true);
        DirectorySync.Flush(_directory);
        _completed = true;
        return path;
    }

    public void Dispose()
    {
        if (_completed) return;
        _file.Dispose();
        File.Delete(TemporaryPath);
    }
}
