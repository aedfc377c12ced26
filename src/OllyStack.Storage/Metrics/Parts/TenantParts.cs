using OllyStack.Core.Durability;

namespace OllyStack.Storage.Metrics.Parts;

/// <summary>
/// The live parts of one tenant, one folder per <see cref="Partition"/>. The list is an immutable array swapped
/// under a lock, so readers take it without waiting; flushes add parts, merges replace several by one, retention
/// drops whole partitions. Opening the folder removes what a crash can leave behind: temporary files of writers that
/// never completed, and merge sources that were already merged.
/// </summary>
public sealed class TenantParts
{
    private readonly Lock _lock = new();
    private readonly string _directory;
    private MetricPart[] _parts;
    private long _nextSequence;

    private TenantParts(string directory, MetricPart[] parts, List<string> damaged)
    {
        _directory = directory;
        _parts = parts;
        Damaged = damaged;
        _nextSequence = parts.Length == 0 ? 0 : parts.Max(p => p.Id.Last) + 1;
    }

    /// <summary>Held while a flush writes into partition folders, so retention never removes a folder being written to.</summary>
    public Lock FolderLock { get; } = new();

    /// <summary>Part files that failed their checks on open and were renamed aside with <see cref="DamagedExtension"/>.</summary>
    public IReadOnlyList<string> Damaged { get; }

    public const string DamagedExtension = ".damaged";

    /// <summary>The current parts, oldest data first. Not held: use <see cref="Acquire"/> to read their blocks.</summary>
    public IReadOnlyList<MetricPart> Current => Volatile.Read(ref _parts);

    public static TenantParts Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var parts = new List<MetricPart>();
        var damaged = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(directory))
        {
            if (!Partition.TryParse(System.IO.Path.GetFileName(folder), out _)) continue;
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                if (MetricPartWriter.IsTemporary(path)) File.Delete(path);
                else if (PartId.TryParse(System.IO.Path.GetFileName(path), MetricPartFormat.Extension, out _)) OpenOrSetAside(path, parts, damaged);
            }
        }
        return new TenantParts(directory, DropSuperseded(parts), damaged);
    }

    public string PartitionDirectory(Partition partition) => System.IO.Path.Combine(_directory, partition.Name);

    /// <summary>The id a new flush writes under: one sequence number above every part so far.</summary>
    public PartId NextFlushId()
    {
        lock (_lock) return new PartId(_nextSequence, _nextSequence++);
    }

    /// <summary>Holds every current part until the snapshot is disposed.</summary>
    public PartSnapshot Acquire()
    {
        while (true)
        {
            var parts = Volatile.Read(ref _parts);
            var held = 0;
            while (held < parts.Length && parts[held].TryAcquire()) held++;
            if (held == parts.Length) return new PartSnapshot(parts);
            // A part was retired and released between reading the list and holding it: the list has moved on.
            for (var i = 0; i < held; i++) parts[i].Release();
        }
    }

    public void Add(IReadOnlyCollection<MetricPart> added)
    {
        if (added.Count == 0) return;
        lock (_lock) Volatile.Write(ref _parts, [.. _parts.Concat(added).OrderBy(p => p.Id)]);
    }

    /// <summary>Swaps merged <paramref name="sources"/> for <paramref name="merged"/> and retires them.</summary>
    public void Replace(IReadOnlyList<MetricPart> sources, MetricPart merged)
    {
        lock (_lock) Volatile.Write(ref _parts, [.. _parts.Except(sources).Append(merged).OrderBy(p => p.Id)]);
        foreach (var source in sources) source.Retire();
    }

    /// <summary>Retires every part of the partitions that end at or before <paramref name="cutoffMs"/>; returns how many.</summary>
    public int DropPartitionsEndingBy(long cutoffMs)
    {
        MetricPart[] dropped;
        lock (_lock)
        {
            dropped = _parts.Where(p => p.Partition.EndMs <= cutoffMs).ToArray();
            if (dropped.Length > 0) Volatile.Write(ref _parts, _parts.Except(dropped).ToArray());
        }
        foreach (var part in dropped) part.Retire();
        RemoveEmptyPartitionFolders(cutoffMs);
        return dropped.Length;
    }

    /// <summary>Closes every part without deleting anything.</summary>
    public void Close()
    {
        MetricPart[] parts;
        lock (_lock)
        {
            parts = _parts;
            _parts = [];
        }
        foreach (var part in parts) part.Close();
    }

    private static void OpenOrSetAside(string path, List<MetricPart> parts, List<string> damaged)
    {
        try
        {
            parts.Add(MetricPart.Open(path));
        }
        catch (InvalidDataException e)
        {
            File.Move(path, path + DamagedExtension, overwrite: true);
            damaged.Add(e.Message);
        }
    }

    /// <summary>A merge publishes its output before deleting its sources; a crash in between leaves both.</summary>
    private static MetricPart[] DropSuperseded(List<MetricPart> parts)
    {
        var superseded = parts.Where(p => parts.Any(other => other.Id.Supersedes(p.Id))).ToList();
        foreach (var part in superseded) part.Retire();
        return [.. parts.Except(superseded).OrderBy(p => p.Id)];
    }

    /// <summary>Folders of dropped partitions go once readers have released their last parts.</summary>
    private void RemoveEmptyPartitionFolders(long cutoffMs)
    {
        lock (FolderLock)
        {
            var removed = false;
            foreach (var folder in Directory.EnumerateDirectories(_directory))
            {
                if (!Partition.TryParse(System.IO.Path.GetFileName(folder), out var partition) || partition.EndMs > cutoffMs) continue;
                if (Directory.EnumerateFileSystemEntries(folder).Any()) continue;
                Directory.Delete(folder);
                removed = true;
            }
            if (removed) DirectorySync.Flush(_directory);
        }
    }
}
