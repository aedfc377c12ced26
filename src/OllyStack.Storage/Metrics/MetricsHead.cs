using OllyStack.Core.Metrics;
using OllyStack.Storage.Index;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// One tenant's recent metric samples in memory: the series index plus each series' samples. The storage writer is
/// the only appender; queries select series and copy sample ranges concurrently (index under a reader-writer lock,
/// samples under each series' own lock).
/// </summary>
public sealed class MetricsHead(long outOfOrderWindowMs)
{
    private readonly SeriesIndex _index = new();
    private readonly List<HeadSeries> _series = [];
    private readonly ReaderWriterLockSlim _indexLock = new();
    private readonly Dictionary<string, MetricMetadata> _metadata = new(StringComparer.Ordinal);
    private byte[] _keyBuffer = [];
    private long _maxTimestamp = long.MinValue;
    private uint[] _batchSeries = [];

    public int SeriesCount
    {
        get
        {
            _indexLock.EnterReadLock();
            try { return _index.SeriesCount; }
            finally { _indexLock.ExitReadLock(); }
        }
    }

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
        for (var i = 0; i < series.Length; i++)
        {
            if (timestamps[i] > _maxTimestamp) _maxTimestamp = timestamps[i];
            var head = _series[(int)_batchSeries[series[i]]];
            var delta = (batch.Series[series[i]].Flags & SeriesFlags.Delta) != 0;
            stats.Count(delta
                ? head.AppendDelta(timestamps[i], values[i], outOfOrderWindowMs)
                : head.Append(timestamps[i], values[i], outOfOrderWindowMs));
        }
        AppendMetadata(batch);
        return stats;
    }

    /// <summary>
    /// Drops samples more than <paramref name="retentionMs"/> older than the newest sample seen (not the wall clock,
    /// so replayed or back-filled data is judged by its own time). Called by the writer; returns the samples dropped.
    /// </summary>
    public long Trim(long retentionMs)
    {
        if (_maxTimestamp == long.MinValue) return 0;
        var cutoff = _maxTimestamp - retentionMs;
        var series = Read(_ => _series.ToArray());
        long dropped = 0;
        foreach (var s in series) dropped += s.TrimBefore(cutoff);
        return dropped;
    }

    /// <summary>Refs of the series all <paramref name="matchers"/> accept, ascending.</summary>
    public uint[] Select(IReadOnlyList<LabelMatcher> matchers) => Read(index => index.Select(matchers));

    public IReadOnlyList<(string Name, string Value)> LabelsOf(uint seriesRef) => Read(index => index.LabelStrings(seriesRef));

    public IReadOnlyList<string> LabelNames(IReadOnlyCollection<uint>? series = null) => Read(index => index.LabelNames(series));

    public IReadOnlyList<string> LabelValues(string name, IReadOnlyCollection<uint>? series = null) => Read(index => index.LabelValues(name, series));

    public HeadSeries SeriesAt(uint seriesRef) => Read(_ => _series[(int)seriesRef]);

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
                _metadata[family] = new MetricMetadata(entry.Type, batch.GetString(entry.Unit), batch.GetString(entry.Help));
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
