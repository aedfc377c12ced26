using System.Buffers;
using System.Text;
using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Index;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// The label sets of the series the stream has seen, looked up by the bytes of a batch series (its series key) so a
/// series seen before costs a hash and a compare, not new strings. Keys that collide on the hash are told apart by
/// comparing the bytes; the later one simply is not cached.
/// </summary>
internal sealed class LabelSetCache : IDisposable
{
    private readonly Dictionary<ulong, (byte[] Key, Labels Labels)> _byHash = [];
    private byte[] _buffer = [];

    public int Count => _byHash.Count;

    public Labels Get(MetricBatch batch, int series)
    {
        var length = SeriesKey.Write(batch.LabelsOf(series), batch.Strings, ref _buffer);
        var key = _buffer.AsSpan(0, length);
        var hash = SeriesKey.Hash(key);
        if (_byHash.TryGetValue(hash, out var cached))
            return cached.Key.AsSpan().SequenceEqual(key) ? cached.Labels : Build(batch, series);
        var labels = Build(batch, series);
        _byHash[hash] = (key.ToArray(), labels);
        return labels;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static Labels Build(MetricBatch batch, int series)
    {
        var labels = batch.LabelsOf(series);
        var pairs = new (string, string)[labels.Length];
        for (var i = 0; i < labels.Length; i++)
            pairs[i] = (Encoding.UTF8.GetString(batch.Strings[labels[i].Name]), Encoding.UTF8.GetString(batch.Strings[labels[i].Value]));
        return Labels.Of(pairs);
    }
}
