using OllyStack.Core.Durability;
namespace OllyStack.Log;

/// <summary>
/// Consumer groups of a topic: committed offsets kept in groups/&lt;group&gt;.offset, and retention, which deletes sealed
/// segments every group has finished with. Commits, group registration and retention run one at a time.
/// </summary>
internal sealed partial class TopicLog
{
    private readonly SemaphoreSlim commitGate = new(1, 1);

    /// <summary>Committed offset of every group on disk; guarded by <see cref="commitGate"/>.</summary>
    private readonly Dictionary<string, long> committedOffsets = new(StringComparer.Ordinal);

    private string GroupsDirectory => Path.Combine(DirectoryPath, GroupOffsetFile.DirectoryName);

    /// <summary>
    /// Returns the group's committed offset. A group seen for the first time is written to disk at the oldest retained
    /// offset, so retention keeps what it has not read yet.
    /// </summary>
    public long JoinGroup(string group)
    {
        commitGate.Wait();
        try
        {
            if (committedOffsets.TryGetValue(group, out var committed)) return committed;
            if (!Directory.Exists(GroupsDirectory))
            {
                Directory.CreateDirectory(GroupsDirectory);
                if (options.Fsync) DirectorySync.Flush(DirectoryPath);
            }
            committed = FirstOffset;
            GroupOffsetFile.Write(GroupOffsetFile.PathFor(GroupsDirectory, group), committed, options.Fsync);
            committedOffsets[group] = committed;
            return committed;
        }
        finally
        {
            commitGate.Release();
        }
    }

    /// <summary>Durably stores the group's committed offset, then applies retention.</summary>
    public async ValueTask CommitAsync(string group, long nextOffset, CancellationToken cancellationToken)
    {
        await commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            GroupOffsetFile.Write(GroupOffsetFile.PathFor(GroupsDirectory, group), nextOffset, options.Fsync);
            committedOffsets[group] = nextOffset;
            DeleteConsumedSegments();
        }
        finally
        {
            commitGate.Release();
        }
    }

    private void LoadGroups()
    {
        if (!Directory.Exists(GroupsDirectory)) return;
        foreach (var stale in Directory.EnumerateFiles(GroupsDirectory, "*" + GroupOffsetFile.TemporaryExtension)) File.Delete(stale);
        foreach (var (group, path) in GroupOffsetFile.List(GroupsDirectory)) committedOffsets[group] = GroupOffsetFile.Read(path);
    }

    /// <summary>
    /// Deletes sealed segments whose records are all below every group's committed offset: segment i qualifies when
    /// segment i+1 starts at or below the minimum. The active segment always stays; no groups, nothing deleted.
    /// </summary>
    private void DeleteConsumedSegments()
    {
        if (committedOffsets.Count == 0) return;
        var minimum = committedOffsets.Values.Min();
        Segment[] consumed;
        lock (segmentsGate)
        {
            var count = 0;
            while (count < segments.Length - 1 && segments[count + 1].FirstOffset <= minimum) count++;
            if (count == 0) return;
            consumed = segments[..count];
            segments = segments[count..];
        }
        foreach (var segment in consumed) File.Delete(segment.Path);
        if (options.Fsync) DirectorySync.Flush(DirectoryPath);
    }
}
