using OllyStack.Core.Metrics;
using OllyStack.Storage.Index;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// One tenant's series index (every series it has, in memory and on disk) plus each series' samples since the last
/// flush. The storage writer is the only appender; queries select series and copy sample ranges concurrently (index
/// under a reader-writer lock, samples under each series' own lock).
/// </summary>
public sealed class MetricsHead(long outOfOrderWindowMs)
{
    private readonly SeriesIndex _index = new();
    private readonly List<HeadSeries> _series = [];
    private readonly ReaderWriterLockSlim _indexLock = new();
    private readonly Dictionary<string, MetricMetadata> _metadata = new(StringComparer.Ordinal);
    private byte[] _keyBuffer = [];
    private long _maxTimestamp = long.MinValue;
    private long _sampleCount;
    private long _backdatedWrites;
    private uint[] _batchSeries = [];

    /// <summary>
    /// How far behind the wall clock samples are taken as settled: ordinary ingest (scrapes, OTLP exports, remote
    /// write with short retries) stays well within it, so results computed over older data can be kept.
    /// </summary>
    public static readonly TimeSpan SettledAge = TimeSpan.FromMinutes(5);

    public int SeriesCount
    {
        get
        {
            _indexLock.EnterReadLock();
            try { return _index.SeriesCount; }
            finally { _indexLock.ExitReadLock(); }
        }
    }

    /// <summary>Samples held since the last flush.</summary>
    public long SampleCount => Interlocked.Read(ref _sampleCount);

    /// <summary>
    /// Appends that carried a sample older than <see cref="SettledAge"/> behind the wall clock (a backfill, a late
    /// batch, a replayed log): what was settled may have changed. Counted after the samples are visible.
    /// </summary>
    public long BackdatedWrites => Interlocked.Read(ref _backdatedWrites);

    /// <summary>The newest sample timestamp appended since the head was created, or long.MinValue.</summary>
    public long MaxTimestamp => Interlocked.Read(ref _maxTimestamp);

    /// <summary>
    /// Recreates series from their keys, in the order their refs were handed out (a series log being opened); the
    /// refs must come out as 0, 1, 2, ... or the log and this index disagree.
    /// </summary>
    public void Restore(IReadOnlyList<byte[]> keys)
    {
        _indexLock.EnterWriteLock();
        try
        {
            foreach (var key in keys)
            {
                var seriesRef = _index.GetOrAdd(key, SeriesKey.Hash(key), out var added);
                if (!added || seriesRef != _series.Count) throw new InvalidDataException($"series key repeated in the series log (ref {seriesRef})");
                _series.Add(new HeadSeries());
            }
        }
        finally
        {
            _indexLock.ExitWriteLock();
        }
    }

    /// <summary>The key of a series, as the series log stores it.</summary>
    public ReadOnlyMemory<byte> KeyOf(uint seriesRef) => Read(index => index.KeyOf(seriesRef));

    /// <summary>Appends every sample of <paramref name="batch"/>; called by one writer at a time.</summary>
    public HeadAppendStats Append(MetricBatch batch)
    {
        var stats = new HeadAppendStats();
        var seriesCount = batch.Series.Count;
        if (_batchSeries.Length < seriesCount) _batchSeries = new uint[Math.Max(seriesCount, _batchSeries.Length * 2)];
        // One upgradeable lock for the whole batch: queries (read locks) go on meanwhile; only new series take the write lock.
        _indexLock.EnterUpgradeableReadLock();
        try
        {
            for (var s = 0; s < seriesCount; s++) _batchSeries[s] = Resolve(batch, s, ref stats);
        }
        finally
        {
            _indexLock.ExitUpgradeableReadLock();
        }
        var series = batch.SampleSeries.Span;
        var timestamps = batch.SampleTimestamps.Span;
        var values = batch.SampleValues.Span;
        var maxTimestamp = _maxTimestamp;
        var settledBeforeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)SettledAge.TotalMilliseconds;
        var backdated = false;
        for (var i = 0; i < series.Length; i++)
        {
            if (timestamps[i] > maxTimestamp) maxTimestamp = timestamps[i];
            backdated |= timestamps[i] < settledBeforeMs;
            var head = _series[(int)_batchSeries[series[i]]];
            var delta = (batch.Series[series[i]].Flags & SeriesFlags.Delta) != 0;
            stats.Count(delta
                ? head.AppendDelta(timestamps[i], values[i], outOfOrderWindowMs)
                : head.Append(timestamps[i], values[i], outOfOrderWindowMs));
        }
        Interlocked.Exchange(ref _maxTimestamp, maxTimestamp);
        Interlocked.Add(ref _sampleCount, stats.Appended + stats.OutOfOrder);
        if (backdated) Interlocked.Increment(ref _backdatedWrites);
        AppendMetadata(batch);
        return stats;
    }

    /// <summary>Empties every series after a flush wrote their samples to parts (writer thread only).</summary>
    public void ClearFlushed()
    {
        foreach (var series in Read(_ => _series.ToArray())) series.ClearFlushed();
        Interlocked.Exchange(ref _sampleCount, 0);
    }

    /// <summary>Refs of the series all <paramref name="matchers"/> accept, ascending.</summary>
    public uint[] Select(IReadOnlyList<LabelMatcher> matchers) => Read(index => index.Select(matchers));

    public IReadOnlyList<(string Name, string Value)> LabelsOf(uint seriesRef) => Read(index => index.LabelStrings(seriesRef));

    public IReadOnlyList<string> LabelNames(IReadOnlyCollection<uint>? series = null) => Read(index => index.LabelNames(series));

    public IReadOnlyList<string> LabelValues(string name, IReadOnlyCollection<uint>? series = null) => Read(index => index.LabelValues(name, series));

    public HeadSeries SeriesAt(uint seriesRef) => Read(_ => _series[(int)seriesRef]);

    /// <summary>Every series, by ref (a copy of the list).</summary>
    public HeadSeries[] AllSeries() => Read(_ => _series.ToArray());

    /// <summary>Counts changes to the metadata, so a flush knows whether to persist it.</summary>
    public int MetadataChanges { get; private set; }

    /// <summary>Puts back metadata persisted before a restart (newer metadata from the log replaces it).</summary>
    public void RestoreMetadata(IReadOnlyDictionary<string, MetricMetadata> metadata)
    {
        lock (_metadata)
            foreach (var (family, entry) in metadata) _metadata[family] = entry;
    }

    public IReadOnlyDictionary<string, MetricMetadata> Metadata()
    {
        lock (_metadata) return new Dictionary<string, MetricMetadata>(_metadata, StringComparer.Ordinal);
    }

    /// <summary>The head series of batch series <paramref name="s"/>; the caller holds the upgradeable read lock.</summary>
    private uint Resolve(MetricBatch batch, int s, ref HeadAppendStats stats)
    {
        var length = SeriesKey.Write(batch.LabelsOf(s), batch.Strings, ref _keyBuffer);
        var key = _keyBuffer.AsSpan(0, length);
        var hash = SeriesKey.Hash(key);
        if (TryFind(key, hash, out var found)) return found;
        _indexLock.EnterWriteLock();
        try
        {
            var seriesRef = _index.GetOrAdd(key, hash, out var added);
            if (added)
            {
                _series.Add(new HeadSeries());
                stats.NewSeries++;
            }
            return seriesRef;
        }
        finally
        {
            _indexLock.ExitWriteLock();
        }
    }

    // Existing series are found without taking the write lock, so queries are not held up by steady ingest.
    private bool TryFind(ReadOnlySpan<byte> key, ulong hash, out uint seriesRef) => _index.TryGet(key, hash, out seriesRef);

    private void AppendMetadata(MetricBatch batch)
    {
        if (batch.Metadata.Count == 0) return;
        lock (_metadata)
        {
            foreach (var entry in batch.Metadata.Span)
            {
                if (entry.Family.IsEmpty) continue;
                var family = batch.GetString(entry.Family);
                var metadata = new MetricMetadata(entry.Type, batch.GetString(entry.Unit), batch.GetString(entry.Help));
                if (_metadata.TryGetValue(family, out var known) && known == metadata) continue;
                _metadata[family] = metadata;
                MetadataChanges++;
            }
        }
    }

    private T Read<T>(Func<SeriesIndex, T> read)
    {
        _indexLock.EnterReadLock();
        try
        {
            return read(_index);
        }
        finally
        {
            _indexLock.ExitReadLock();
        }
    }
}
