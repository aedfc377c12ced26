using OllyStack.Core.Durability;
using System.Buffers.Binary;

namespace OllyStack.Log;

/// <summary>
/// The committed offset of one consumer group: <c>groups/&lt;group&gt;.offset</c>, 20 bytes with a checksum, replaced
/// atomically by write-temp, fsync, rename, fsync-directory (docs/format/wal.md, "Group offset file").
/// </summary>
internal static class GroupOffsetFile
{
    public const string DirectoryName = "groups";
    public const string Extension = ".offset";
    public const string TemporaryExtension = ".offset.tmp";
    private const int Size = 20;
    private const byte Version = 1;
    private const int ChecksumPosition = 16;
    private static ReadOnlySpan<byte> Magic => "OSGO"u8;

    public static string PathFor(string groupsDirectory, string group) => Path.Combine(groupsDirectory, group + Extension);

    /// <summary>The groups that have an offset file in <paramref name="groupsDirectory"/>, by name.</summary>
    public static List<(string Group, string Path)> List(string groupsDirectory)
    {
        var groups = new List<(string Group, string Path)>();
        if (!Directory.Exists(groupsDirectory)) return groups;
        foreach (var path in Directory.EnumerateFiles(groupsDirectory, "*" + Extension))
        {
            var group = Path.GetFileNameWithoutExtension(path);
            if (LogNames.IsValid(group)) groups.Add((group, path));
        }
        groups.Sort((a, b) => string.CompareOrdinal(a.Group, b.Group));
        return groups;
    }

    /// <summary>Reads a committed offset; a damaged file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static long Read(string path)
    {
        Span<byte> bytes = stackalloc byte[Size + 1];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.Read(handle, bytes, 0);
        var problem = Check(bytes[..length]);
        if (problem is not null) throw new InvalidDataException($"consumer group offset file {path}: {problem}");
        return BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
    }

    public static void Write(string path, long committedOffset, bool fsync)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Magic.CopyTo(bytes);
        bytes[4] = Version;
        bytes[5..8].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], committedOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[ChecksumPosition..], Crc32C.Compute(bytes[..ChecksumPosition]));

        AtomicFile.Write(path, Path.ChangeExtension(path, TemporaryExtension), bytes, fsync);
    }

    private static string? Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) return $"is {(bytes.Length > Size ? "longer" : bytes.Length + " bytes")}, expected {Size} bytes";
        if (!bytes[..4].SequenceEqual(Magic)) return "magic is not OSGO";
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[ChecksumPosition..]) != Crc32C.Compute(bytes[..ChecksumPosition])) return "checksum mismatch";
        if (bytes[4] != Version) return $"unknown format version {bytes[4]}";
        var offset = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        return offset < 0 ? $"negative offset {offset}" : null;
    }
}
