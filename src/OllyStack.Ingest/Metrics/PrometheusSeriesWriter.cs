using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Metrics;

namespace OllyStack.Ingest.Metrics;

/// <summary>
/// Turns OpenTelemetry metric points into Prometheus series in a <see cref="MetricBatch"/>, following the
/// OpenTelemetry-to-Prometheus compatibility rules: resource to <c>job</c>/<c>instance</c> plus a
/// <c>target_info</c> series, histograms to <c>_bucket</c>/<c>_sum</c>/<c>_count</c> with <c>le</c>,
/// exponential histograms to the same classic buckets, summaries to <c>quantile</c> series.
/// Decoders (protobuf and JSON) drive it resource by resource, metric by metric, point by point.
/// One instance per request; reuse it with <see cref="Start"/>.
/// </summary>
internal sealed class PrometheusSeriesWriter
{
    private const uint NoRecordedValueFlag = 1;
    private MetricBatch _batch = null!;
    private readonly Column<LabelRef> _resourceLabels = new();
    private readonly Column<LabelRef> _pointLabels = new();
    private Utf8Ref _serviceName, _serviceNamespace, _job, _instance;
    private long _resourceLatestMs;
    private Utf8Ref _family, _bucketName, _sumName, _countName;
    private MetricType _type;
    private SeriesFlags _flags;
    private readonly byte[] _nameBuffer = new byte[PrometheusNames.MaxNameLength + 96];
    private const int RepeatCapacity = 32;
    private readonly byte[]?[] _repeatBytes = new byte[RepeatCapacity][];
    private readonly int[] _repeatLengths = new int[RepeatCapacity];
    private readonly LabelRef[] _repeatLabels = new LabelRef[RepeatCapacity];
    private int _repeatCount;

    /// <summary>Explicit histogram bounds of the current point; decoders fill it.</summary>
    public Column<double> Bounds { get; } = new();

    /// <summary>Bucket counts of the current point (explicit, or positive exponential buckets); decoders fill it.</summary>
    public Column<ulong> Counts { get; } = new();

    /// <summary>Negative exponential bucket counts of the current point; decoders fill it.</summary>
    public Column<ulong> NegativeCounts { get; } = new();

    /// <summary>Summary quantiles of the current point as (quantile, value) pairs; decoders fill it.</summary>
    public Column<(double Quantile, double Value)> Quantiles { get; } = new();

    public MetricBatch Batch => _batch;

    /// <summary>Samples dropped because two labels of a series ended up with the same name.</summary>
    public long ConflictingSamples { get; private set; }

    public void Start(MetricBatch batch)
    {
        _batch = batch;
        ConflictingSamples = 0;
        _repeatCount = 0;
    }

    public void BeginResource()
    {
        _resourceLabels.Clear();
        _serviceName = _serviceNamespace = _job = _instance = Utf8Ref.Empty;
        _resourceLatestMs = long.MinValue;
    }

    public void ResourceAttribute(ReadOnlySpan<byte> key, Utf8Ref value)
    {
        if (key.SequenceEqual("service.name"u8)) _serviceName = value;
        else if (key.SequenceEqual("service.namespace"u8)) _serviceNamespace = value;
        else if (key.SequenceEqual("service.instance.id"u8)) _instance = value;
        else _resourceLabels.Add(new LabelRef(LabelName(key), value));
    }

    /// <summary>Called once the resource's attributes are known and before its metrics.</summary>
    public void EndResourceAttributes()
    {
        if (_serviceNamespace.IsEmpty) { _job = _serviceName; return; }
        if (_serviceName.IsEmpty) { _job = _serviceNamespace; return; }
        var strings = _batch.Strings;
        var length = _serviceNamespace.Length + 1 + _serviceName.Length;
        Span<byte> job = length <= 512 ? stackalloc byte[length] : new byte[length];
        strings[_serviceNamespace].CopyTo(job);
        job[_serviceNamespace.Length] = (byte)'/';
        strings[_serviceName].CopyTo(job[(_serviceNamespace.Length + 1)..]);
        _job = strings.Intern(job);
    }

    /// <summary>Emits <c>target_info</c> for a resource that has attributes beyond the service identity.</summary>
    public void EndResource()
    {
        if (_resourceLabels.Count == 0 || _resourceLatestMs == long.MinValue) return;
        var first = _batch.Labels.Count;
        foreach (var label in _resourceLabels.Span) _batch.AddLabel(label.Name, label.Value);
        AddIdentityLabels(_batch.Strings.Intern("target_info"u8));
        var series = _batch.EndSeries(first, MetricType.Gauge);
        if (series >= 0) _batch.AddSample(series, _resourceLatestMs, 1);
    }

    /// <summary>Starts a metric; false (and nothing written) if its name is empty.</summary>
    public bool BeginMetric(ReadOnlySpan<byte> name, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> description, OtlpMetricKind kind, bool monotonic, bool delta)
    {
        if (name.IsEmpty) return false;
        var isCounter = kind == OtlpMetricKind.Sum && monotonic;
        _type = kind switch
        {
            OtlpMetricKind.Sum => monotonic ? MetricType.Counter : MetricType.Gauge,
            OtlpMetricKind.Histogram or OtlpMetricKind.ExponentialHistogram => MetricType.Histogram,
            OtlpMetricKind.Summary => MetricType.Summary,
            _ => MetricType.Gauge,
        };
        _flags = delta && kind is OtlpMetricKind.Sum or OtlpMetricKind.Histogram or OtlpMetricKind.ExponentialHistogram
            ? SeriesFlags.Delta : SeriesFlags.None;
        var unitText = unit.IsEmpty ? "" : Encoding.UTF8.GetString(unit);
        var length = PrometheusNames.MetricFamily(name, unitText, _type == MetricType.Gauge, isCounter, _nameBuffer);
        var strings = _batch.Strings;
        _family = strings.Intern(_nameBuffer.AsSpan(0, length));
        if (_type is MetricType.Histogram or MetricType.Summary)
        {
            _bucketName = Suffixed(length, "_bucket"u8);
            _sumName = Suffixed(length, "_sum"u8);
            _countName = Suffixed(length, "_count"u8);
        }
        _batch.Metadata.Add(new MetricMetadataRef(_family, _type, strings.Intern(unit), strings.Intern(description)));
        return true;
    }

    public void BeginPoint()
    {
        _pointLabels.Clear();
        Bounds.Clear();
        Counts.Clear();
        NegativeCounts.Clear();
        Quantiles.Clear();
    }

    public void PointAttribute(ReadOnlySpan<byte> key, Utf8Ref value) => _pointLabels.Add(new LabelRef(LabelName(key), value));

    /// <summary>
    /// Adds the label of an encoded attribute if the previous point had the same bytes at the same position: points of
    /// one metric mostly repeat their neighbours' attributes, and this skips decoding, sanitising and interning them.
    /// </summary>
    public bool TryRepeatPointAttribute(ReadOnlySpan<byte> encoded)
    {
        var position = _pointLabels.Count;
        if (position >= _repeatCount || !encoded.SequenceEqual(_repeatBytes[position].AsSpan(0, _repeatLengths[position]))) return false;
        _pointLabels.Add(_repeatLabels[position]);
        return true;
    }

    /// <summary>Adds an attribute's label and remembers its encoded bytes for <see cref="TryRepeatPointAttribute"/>.</summary>
    public void PointAttribute(ReadOnlySpan<byte> key, Utf8Ref value, ReadOnlySpan<byte> encoded)
    {
        var position = _pointLabels.Count;
        PointAttribute(key, value);
        if (position >= RepeatCapacity) return;
        if (_repeatBytes[position] is not { } buffer || buffer.Length < encoded.Length)
            _repeatBytes[position] = buffer = new byte[Math.Max(64, encoded.Length * 2)];
        encoded.CopyTo(buffer);
        _repeatLengths[position] = encoded.Length;
        _repeatLabels[position] = _pointLabels[position];
        _repeatCount = Math.Max(_repeatCount, position + 1);
    }

    public void NumberPoint(long timeUnixNano, double value, uint flags)
    {
        var ms = Milliseconds(timeUnixNano);
        Emit(_family, default, default, ms, Recorded(value, flags));
    }

    /// <summary>Writes a classic histogram point from <see cref="Bounds"/> and <see cref="Counts"/>; false if they disagree.</summary>
    public bool HistogramPoint(long timeUnixNano, ulong count, double? sum, uint flags)
    {
        var bounds = Bounds.Span;
        var counts = Counts.Span;
        if (counts.Length != 0 && counts.Length != bounds.Length + 1) return false;
        var ms = Milliseconds(timeUnixNano);
        var le = _batch.Strings.Intern("le"u8);
        ulong cumulative = 0;
        for (var i = 0; i < bounds.Length && counts.Length != 0; i++)
        {
            cumulative += counts[i];
            Emit(_bucketName, le, FloatLabel(bounds[i]), ms, Recorded(cumulative, flags));
        }
        Emit(_bucketName, le, _batch.Strings.Intern("+Inf"u8), ms, Recorded(count, flags));
        if (sum.HasValue) Emit(_sumName, default, default, ms, Recorded(sum.Value, flags));
        Emit(_countName, default, default, ms, Recorded(count, flags));
        return true;
    }

    /// <summary>
    /// Writes an exponential histogram as classic cumulative buckets so that histogram_quantile works on it:
    /// negative buckets (most negative first), the zero bucket, then positive buckets, each with its upper bound.
    /// </summary>
    public void ExponentialHistogramPoint(long timeUnixNano, ulong count, double? sum, int scale, ulong zeroCount, double zeroThreshold, int positiveOffset, int negativeOffset, uint flags)
    {
        var ms = Milliseconds(timeUnixNano);
        var le = _batch.Strings.Intern("le"u8);
        var negative = NegativeCounts.Span;
        ulong cumulative = 0;
        var previous = double.NegativeInfinity;
        for (var i = negative.Length - 1; i >= 0; i--)
        {
            cumulative += negative[i];
            EmitBucket(le, -LowerBound(scale, negativeOffset + i), ref previous, ms, cumulative, flags);
        }
        cumulative += zeroCount;
        if (zeroCount > 0 || zeroThreshold > 0) EmitBucket(le, zeroThreshold, ref previous, ms, cumulative, flags);
        var positive = Counts.Span;
        for (var i = 0; i < positive.Length; i++)
        {
            cumulative += positive[i];
            EmitBucket(le, LowerBound(scale, positiveOffset + i + 1), ref previous, ms, cumulative, flags);
        }
        Emit(_bucketName, le, _batch.Strings.Intern("+Inf"u8), ms, Recorded(count, flags));
        if (sum.HasValue) Emit(_sumName, default, default, ms, Recorded(sum.Value, flags));
        Emit(_countName, default, default, ms, Recorded(count, flags));
    }

    // A bound that overflows to +-Inf (extreme scales) or does not exceed the one before (a zero threshold above the
    // first buckets) is folded into the next bucket, so le strictly increases and +Inf comes once, last.
    private void EmitBucket(Utf8Ref le, double bound, ref double previous, long ms, ulong cumulative, uint flags)
    {
        if (!double.IsFinite(bound) || bound <= previous) return;
        previous = bound;
        Emit(_bucketName, le, FloatLabel(bound), ms, Recorded(cumulative, flags));
    }

    public void SummaryPoint(long timeUnixNano, ulong count, double sum, uint flags)
    {
        var ms = Milliseconds(timeUnixNano);
        var quantile = _batch.Strings.Intern("quantile"u8);
        foreach (var (q, value) in Quantiles.Span)
            Emit(_family, quantile, FloatLabel(q), ms, Recorded(value, flags));
        Emit(_sumName, default, default, ms, Recorded(sum, flags));
        Emit(_countName, default, default, ms, Recorded(count, flags));
    }

    // The lower bound of exponential bucket `index` is base^index with base = 2^(2^-scale).
    private static double LowerBound(int scale, int index) => Math.Pow(2, index * Math.Pow(2, -scale));

    private static double Recorded(double value, uint flags) => (flags & NoRecordedValueFlag) != 0 ? StaleMarker.Value : value;

    private static long Milliseconds(long timeUnixNano) => timeUnixNano / 1_000_000;

    private void Emit(Utf8Ref name, Utf8Ref extraName, Utf8Ref extraValue, long timestampMs, double value)
    {
        var first = _batch.Labels.Count;
        foreach (var label in _pointLabels.Span) _batch.AddLabel(label.Name, label.Value);
        if (!extraName.IsEmpty) _batch.AddLabel(extraName, extraValue);
        AddIdentityLabels(name);
        var series = _batch.EndSeries(first, _type, _flags);
        if (series < 0)
        {
            ConflictingSamples++;
            return;
        }
        _batch.AddSample(series, timestampMs, value);
        if (timestampMs > _resourceLatestMs) _resourceLatestMs = timestampMs;
    }

    private void AddIdentityLabels(Utf8Ref name)
    {
        var strings = _batch.Strings;
        if (!_job.IsEmpty) _batch.AddLabel(strings.Intern("job"u8), _job);
        if (!_instance.IsEmpty) _batch.AddLabel(strings.Intern("instance"u8), _instance);
        _batch.AddLabel(strings.Intern(MetricBatch.MetricNameLabel), name);
    }

    private Utf8Ref LabelName(ReadOnlySpan<byte> key)
    {
        Span<byte> buffer = stackalloc byte[PrometheusNames.MaxNameLength];
        return _batch.Strings.Intern(buffer[..PrometheusNames.LabelName(key, buffer)]);
    }

    private Utf8Ref FloatLabel(double value)
    {
        Span<byte> buffer = stackalloc byte[40];
        return _batch.Strings.Intern(buffer[..PrometheusNames.FormatFloat(value, buffer)]);
    }

    private Utf8Ref Suffixed(int familyLength, ReadOnlySpan<byte> suffix)
    {
        suffix.CopyTo(_nameBuffer.AsSpan(familyLength));
        return _batch.Strings.Intern(_nameBuffer.AsSpan(0, familyLength + suffix.Length));
    }
}
