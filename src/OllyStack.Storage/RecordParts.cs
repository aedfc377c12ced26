namespace OllyStack.Storage;

/// <summary>
/// The live log or span parts of one tenant's folder, ordered by <see cref="PartId"/> (oldest first). The list is an
/// immutable array swapped under a lock, so readers take it without waiting; flushes add parts, merges replace a run
/// of adjacent parts by one, retention drops parts. Opening the folder removes what a crash can leave behind:
/// temporary files of writers that never completed, and merge sources that were already merged.
/// </summary>
internal sealed class RecordParts<TPart> where TPart : class, IRecordPart
{
    private readonly Lock _lock = new();
    private readonly string _extension;
    private TPart[] _parts;
    private long _nextSequence;

    private RecordParts(string extension, TPart[] parts, List<string> damaged, long nextSequence)
    {
        _extension = extension;
        _parts = parts;
        Damaged = damaged;
        _nextSequence = nextSequence;
    }

    /// <summary>The current parts, oldest first. Not held: use <see cref="Acquire"/> to read their blocks.</summary>
    public IReadOnlyList<TPart> Current => Volatile.Read(ref _parts);

    /// <summary>Part files that failed their checks on open and were renamed to <c>.damaged</c>, never read again.</summary>
    public IReadOnlyList<string> Damaged { get; }

    /// <param name="open">Opens a part file under its id; throws <see cref="InvalidDataException"/> for a damaged one.</param>
    public static RecordParts<TPart> Open(string directory, string extension, Func<string, PartId, TPart> open)
    {
        Directory.CreateDirectory(directory);
        var parts = new List<TPart>();
        var damaged = new List<string>();
        var nextSequence = 0L;
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (PartFileWriter.IsTemporary(path))
            {
                File.Delete(path);
                continue;
            }
            if (!PartId.TryParse(Path.GetFileName(path), extension, out var id)) continue;
            nextSequence = Math.Max(nextSequence, id.Last + 1);
            try
            {
                parts.Add(open(path, id));
            }
            catch (InvalidDataException)
            {
                File.Move(path, path + ".damaged", overwrite: true);
                damaged.Add(path + ".damaged");
            }
        }
        return new RecordParts<TPart>(extension, DropSuperseded(parts), damaged, nextSequence);
    }

    public string FileNameOf(PartId id) => id.FileName(_extension);

    /// <summary>The id a new flush writes under: one sequence number above every part so far.</summary>
    public PartId NextFlushId()
    {
        lock (_lock) return new PartId(_nextSequence, _nextSequence++);
    }

    /// <summary>Holds every current part until the result is disposed.</summary>
    public HeldParts<TPart> Acquire()
    {
        while (true)
        {
            var parts = Volatile.Read(ref _parts);
            var held = 0;
            while (held < parts.Length && parts[held].TryAcquire()) held++;
            if (held == parts.Length) return new HeldParts<TPart>(parts);
            // A part was retired and released between reading the list and holding it: the list has moved on.
            for (var i = 0; i < held; i++) parts[i].Release();
        }
    }

    public void Add(TPart part)
    {
        lock (_lock) Volatile.Write(ref _parts, [.. _parts.Append(part).OrderBy(p => p.Id)]);
    }

    /// <summary>Swaps merged <paramref name="sources"/> for <paramref name="merged"/> and retires them.</summary>
    public void Replace(IReadOnlyList<TPart> sources, TPart merged)
    {
        lock (_lock) Volatile.Write(ref _parts, [.. _parts.Except(sources).Append(merged).OrderBy(p => p.Id)]);
        foreach (var source in sources) source.Retire();
    }

    /// <summary>
    /// Retires every part whose newest record lies more than <paramref name="retention"/> behind the newest record of
    /// all parts, or behind the clock if that is earlier; returns them. Counting back from the newest record judges
    /// back-filled history by its own time; the clock keeps one record stamped in the far future from expiring the rest.
    /// </summary>
    public IReadOnlyList<TPart> DropPastRetention(TimeSpan retention)
    {
        TPart[] dropped;
        lock (_lock)
        {
            if (_parts.Length == 0) return [];
            var from = Math.Min(_parts.Max(p => p.Header.MaxTimeUnixNano), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
            var span = retention.Ticks > long.MaxValue / 100 ? long.MaxValue : retention.Ticks * 100;
            var cutoff = from < long.MinValue + span ? long.MinValue : from - span;
            dropped = [.. _parts.Where(p => p.Header.MaxTimeUnixNano < cutoff)];
            if (dropped.Length > 0) Volatile.Write(ref _parts, [.. _parts.Except(dropped)]);
        }
        foreach (var part in dropped) part.Retire();
        return dropped;
    }

    /// <summary>
    /// Merges what <see cref="RecordPartMergePolicy"/> picks until nothing is left to merge (maintenance thread only:
    /// it alone retires parts, so the picked ones stay open without a hold); returns the merges done.
    /// </summary>
    /// <param name="merge">Writes the part merged from the picked ones under the id and file name given.</param>
    public int MergeDue(TimeSpan retention, Func<IReadOnlyList<TPart>, PartId, string, TPart> merge, CancellationToken cancellationToken)
    {
        var merges = 0;
        while (RecordPartMergePolicy.Pick(Current, retention) is { Count: > 0 } picked)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = RecordPartMergePolicy.IdAfter(picked);
            Replace(picked, merge(picked, id, FileNameOf(id)));
            merges++;
        }
        return merges;
    }

    /// <summary>Closes every part without deleting anything.</summary>
    public void Close()
    {
        TPart[] parts;
        lock (_lock)
        {
            parts = _parts;
            _parts = [];
        }
        foreach (var part in parts) part.Close();
    }

    /// <summary>A merge publishes its output before deleting its sources; a crash in between leaves both.</summary>
    private static TPart[] DropSuperseded(List<TPart> parts)
    {
        var superseded = parts.Where(p => parts.Any(other => other.Id.Supersedes(p.Id))).ToList();
        foreach (var part in superseded) part.Retire();
        return [.. parts.Except(superseded).OrderBy(p => p.Id)];
    }
}
