using System.Runtime.InteropServices;
using OllyStack.Storage.Codecs;
using OllyStack.Storage.Metrics.Parts;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// One tenant's metric store: the head (series index and unflushed samples), the series log that keeps series refs
/// stable across restarts, and the parts on disk. Flushing and appending happen on the storage writer's thread,
/// merging on the store's maintenance thread, reading on any.
/// </summary>
public sealed class TenantMetrics : IDisposable
{
    private const string SeriesLogName = "series.log";
    private const string MetadataFileName = "metadata.json";
    private readonly SeriesLog _seriesLog;
    private readonly MetricsStoreOptions _options;
    private readonly string _directory;
    private long _retentionDrops;
    private int _persistedMetadataChanges;

    private TenantMetrics(string directory, string tenant, MetricsHead head, SeriesLog seriesLog, TenantParts parts, MetricsStoreOptions options)
    {
        _directory = directory;
        Tenant = tenant;
        Head = head;
        _seriesLog = seriesLog;
        Parts = parts;
        _options = options;
    }

    public string Tenant { get; }

    public MetricsHead Head { get; }

    public TenantParts Parts { get; }

    /// <summary>The newest sample timestamp in the head or the parts, or long.MinValue.</summary>
    public long MaxTimestamp => Math.Max(Head.MaxTimestamp, MaxPartTimestamp);

    /// <summary>
    /// Moves whenever settled data changes: a backdated write (see <see cref="MetricsHead.BackdatedWrites"/>) or days
    /// dropped by retention. Results over settled data computed at one generation hold until it moves.
    /// </summary>
    public long SettledGeneration => Head.BackdatedWrites + Interlocked.Read(ref _retentionDrops);

    private long MaxPartTimestamp => Parts.Current.Count == 0 ? long.MinValue : Parts.Current.Max(p => p.Header.MaxTimestamp);

    public static TenantMetrics Open(string directory, string tenant, MetricsStoreOptions options)
    {
        Directory.CreateDirectory(directory);
        var seriesLog = SeriesLog.Open(Path.Combine(directory, SeriesLogName), out var keys);
        try
        {
            var head = new MetricsHead((long)options.OutOfOrderWindow.TotalMilliseconds);
            head.Restore(keys);
            head.RestoreMetadata(MetadataFile.Read(Path.Combine(directory, MetadataFileName)));
            var parts = TenantParts.Open(directory);
            var unknown = parts.Current.FirstOrDefault(p => p.Table.SeriesCount > 0 && p.Table.RefAt(p.Table.SeriesCount - 1) >= keys.Count);
            if (unknown is not null)
            {
                parts.Close();
                throw new InvalidDataException($"{unknown.Path} references series the series log does not have ({keys.Count} series)");
            }
            return new TenantMetrics(directory, tenant, head, seriesLog, parts, options);
        }
        catch
        {
            seriesLog.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the head's samples to level-0 parts, one per day they fall in, and empties the head (storage writer
    /// thread only). New series reach the series log, fsynced, before any part refers to them. Returns the parts written.
    /// </summary>
    public int Flush()
    {
        var series = Head.AllSeries();
        PersistNewSeries(series.Length);
        PersistMetadata();
        if (Head.SampleCount == 0) return 0;
        var retentionCutoff = RetentionCutoff(MaxTimestamp);
        var id = Parts.NextFlushId();
        var writers = new Dictionary<Partition, MetricPartWriter>();
        try
        {
            var written = new List<MetricPart>();
            lock (Parts.FolderLock)
            {
                for (var seriesRef = 0; seriesRef < series.Length; seriesRef++)
                {
                    var (timestamps, values) = series[seriesRef].SamplesForFlush();
                    WriteByPartition((uint)seriesRef, timestamps.Span, values.Span, retentionCutoff, id, writers);
                }
                foreach (var writer in writers.Values)
                    if (writer.Complete() is { } part) written.Add(part);
            }
            Parts.Add(written);
            Head.ClearFlushed();
            return written.Count;
        }
        finally
        {
            foreach (var writer in writers.Values) writer.Dispose();
        }
    }

    /// <summary>Below this many series a read decodes on the calling thread alone; above, on every core.</summary>
    private const int SeriesPerReadTask = 512;

    /// <summary>
    /// The samples of <paramref name="refs"/> in [<paramref name="minMs"/>, <paramref name="maxMs"/>], head and parts
    /// merged. The head is read before the parts are taken, so a flush in between shows its samples in both (and
    /// the merge drops the duplicates) rather than in neither. Series are independent, so a large selection is
    /// decoded in slices on several threads.
    /// </summary>
    public List<SeriesSamples> Read(IReadOnlyList<uint> refs, long minMs, long maxMs) => Read(refs, minMs, maxMs, null);

    /// <summary>
    /// As <see cref="Read(IReadOnlyList{uint}, long, long)"/>, into <paramref name="arena"/> when one is given (then on
    /// the calling thread alone: the arena belongs to it).
    /// </summary>
    public List<SeriesSamples> Read(IReadOnlyList<uint> refs, long minMs, long maxMs, SampleArena? arena)
    {
        var head = new (long[] Timestamps, double[] Values)[refs.Count];
        List<long> timestamps = [];
        List<double> values = [];
        for (var i = 0; i < refs.Count; i++)
        {
            timestamps.Clear();
            values.Clear();
            Head.SeriesAt(refs[i]).CopyRange(minMs, maxMs, timestamps, values);
            head[i] = timestamps.Count == 0 ? ([], []) : ([.. timestamps], [.. values]);
        }
        using var snapshot = Parts.Acquire();
        var parts = snapshot.Parts.Where(p => p.Overlaps(minMs, maxMs)).ToArray();
        var result = new SeriesSamples[refs.Count];
        var slices = arena is not null ? 1 : Math.Min(Environment.ProcessorCount, (refs.Count + SeriesPerReadTask - 1) / SeriesPerReadTask);
        if (slices <= 1) ReadSlice(0, refs.Count);
        else Parallel.For(0, slices, slice => ReadSlice(refs.Count * slice / slices, refs.Count * (slice + 1) / slices));
        return [.. result];

        void ReadSlice(int from, int to)
        {
            var scratch = SampleScratch.Rent();
            try
            {
                ReadSeries(from, to, scratch);
            }
            finally
            {
                SampleScratch.Return(scratch);
            }
        }

        void ReadSeries(int from, int to, SampleScratch scratch)
        {
            var sliceArena = arena ?? new SampleArena();
            var (timestamps, values) = (scratch.SeriesTimestamps, scratch.SeriesValues);
            var (runTimestamps, runValues) = (scratch.RunTimestamps, scratch.RunValues);
            for (var i = from; i < to; i++)
            {
                timestamps.Clear();
                values.Clear();
                foreach (var part in parts)
                {
                    // Parts mostly follow each other in time: then the samples go straight to the result.
                    if (timestamps.Count == 0 || timestamps[^1] < part.Header.MinTimestamp)
                    {
                        part.Read(refs[i], minMs, maxMs, scratch, timestamps, values);
                        continue;
                    }
                    runTimestamps.Clear();
                    runValues.Clear();
                    part.Read(refs[i], minMs, maxMs, scratch, runTimestamps, runValues);
                    SampleRuns.MergeInto(timestamps, values, CollectionsMarshal.AsSpan(runTimestamps), CollectionsMarshal.AsSpan(runValues));
                }
                SampleRuns.MergeInto(timestamps, values, head[i].Timestamps, head[i].Values);
                var (readTimestamps, readValues) = sliceArena.Copy(CollectionsMarshal.AsSpan(timestamps), CollectionsMarshal.AsSpan(values));
                result[i] = new SeriesSamples(refs[i], readTimestamps, readValues);
            }
        }
    }

    /// <summary>The refs among <paramref name="refs"/> that may have samples in [<paramref name="minMs"/>, <paramref name="maxMs"/>] (block-level precision on disk).</summary>
    public List<uint> WithSamplesIn(IEnumerable<uint> refs, long minMs, long maxMs)
    {
        var inHead = new List<uint>();
        var rest = new List<uint>();
        foreach (var seriesRef in refs) (Head.SeriesAt(seriesRef).HasSamplesIn(minMs, maxMs) ? inHead : rest).Add(seriesRef);
        using var snapshot = Parts.Acquire();
        inHead.AddRange(rest.Where(r => snapshot.Parts.Any(p => p.MayHave(r, minMs, maxMs))));
        inHead.Sort();
        return inHead;
    }

    /// <summary>Merges what <see cref="MergePolicy"/> picks and drops days past retention (maintenance thread). Returns the merges done.</summary>
    public int Maintain(CancellationToken cancellationToken)
    {
        var newest = MaxPartTimestamp;
        if (newest == long.MinValue) return 0;
        if (Parts.DropPartitionsEndingBy(RetentionCutoff(newest)) > 0) Interlocked.Increment(ref _retentionDrops);
        var merges = 0;
        foreach (var partition in Parts.Current.Select(p => p.Partition).Distinct().ToList())
        {
            var closed = partition.EndMs + (long)_options.OutOfOrderWindow.TotalMilliseconds <= newest;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sources = MergePolicy.Pick(Parts.Current.Where(p => p.Partition == partition).ToList(), closed);
                if (sources.Count == 0) break;
                Parts.Replace(sources, PartMerger.Merge(sources, Parts.PartitionDirectory(partition), closed, cancellationToken));
                merges++;
            }
        }
        return merges;
    }

    /// <summary>
    /// Merges every partition into one compact part now (an operator's or benchmark's request, as VictoriaMetrics'
    /// force_merge): what background merges would reach once each day is closed. Returns the merges done.
    /// </summary>
    public int ForceMerge(CancellationToken cancellationToken)
    {
        var merges = 0;
        foreach (var partition in Parts.Current.Select(p => p.Partition).Distinct().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sources = Parts.Current.Where(p => p.Partition == partition).ToList();
            if (sources.Count == 1 && sources[0].Header.Level >= MergePolicy.FirstCompactLevel) continue;
            Parts.Replace(sources, PartMerger.Merge(sources, Parts.PartitionDirectory(partition), final: true, cancellationToken));
            merges++;
        }
        return merges;
    }

    public void Dispose()
    {
        Parts.Close();
        _seriesLog.Dispose();
    }

    private void PersistNewSeries(int seriesCount)
    {
        if (_seriesLog.Count == seriesCount) return;
        for (var seriesRef = _seriesLog.Count; seriesRef < seriesCount; seriesRef++) _seriesLog.Append(Head.KeyOf((uint)seriesRef).Span);
        _seriesLog.Sync();
    }

    private void PersistMetadata()
    {
        var changes = Head.MetadataChanges;
        if (changes == _persistedMetadataChanges) return;
        MetadataFile.Write(Path.Combine(_directory, MetadataFileName), Head.Metadata());
        _persistedMetadataChanges = changes;
    }

    private void WriteByPartition(uint seriesRef, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long retentionCutoff, PartId id, Dictionary<Partition, MetricPartWriter> writers)
    {
        var start = 0;
        while (start < timestamps.Length)
        {
            var partition = Partition.Of(timestamps[start]);
            var end = start + 1;
            while (end < timestamps.Length && timestamps[end] < partition.EndMs) end++;
            if (partition.EndMs > retentionCutoff)
            {
                if (!writers.TryGetValue(partition, out var writer))
                    writers[partition] = writer = new MetricPartWriter(Parts.PartitionDirectory(partition), id, level: 0, BlockCompression.Lz4, EncodingEffort.Fast);
                writer.AddSeries(seriesRef, timestamps[start..end], values[start..end]);
            }
            start = end;
        }
    }

    /// <summary>
    /// Retention counts back from the newest sample, so back-filled history is judged by its own time; but never
    /// from later than the wall clock, so one sample stamped in the far future cannot expire everything else.
    /// </summary>
    private long RetentionCutoff(long newestMs)
    {
        var from = Math.Min(newestMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var retention = (long)TenantRetention.Of(Tenant, _options.Retention, _options.TenantPolicies).TotalMilliseconds;
        return from < long.MinValue + retention ? long.MinValue : from - retention;
    }
}
