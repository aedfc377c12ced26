using System.Globalization;
using OllyStack.Storage.Traces.Parts;

namespace OllyStack.Benchmarks.Traces;

/// <summary>Bytes of the stored parts against the OTLP requests that carried their spans.</summary>
public sealed class SpanPartSizes : IDisposable
{
    private readonly ZstdSharp.Compressor _zstandard = new(3);
    private long _protobuf, _zstdPerRequest, _zstdPerPart, _part, _blocks, _blockCount;
    private int _parts;

    public long Spans { get; private set; }

    public void Add(List<ExportedRequest> requests, SpanPart part)
    {
        var spans = requests.Sum(r => r.Spans);
        if (spans != part.Header.RecordCount) throw new InvalidOperationException($"{spans} spans sent but the part holds {part.Header.RecordCount}");
        Spans += spans;
        var joined = new byte[requests.Sum(r => (long)r.Protobuf.Length)];
        var at = 0;
        foreach (var request in requests)
        {
            request.Protobuf.CopyTo(joined, at);
            at += request.Protobuf.Length;
        }
        _protobuf += joined.Length;
        _zstdPerRequest += requests.Sum(r => (long)_zstandard.Wrap(r.Protobuf).Length);
        _zstdPerPart += _zstandard.Wrap(joined).Length;
        _part += part.Length;
        _blocks += part.Table.Blocks.Sum(b => (long)b.Length);
        _blockCount += part.Table.Blocks.Count;
        _parts++;
    }

    public void Report()
    {
        Console.WriteLine("| spans | OTLP protobuf B/span | Zstandard per request | Zstandard per part | span part B/span | of which blocks | vs protobuf | vs Zstandard per part |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Spans:N0} | {PerSpan(_protobuf)} | {PerSpan(_zstdPerRequest)} | {PerSpan(_zstdPerPart)} | {PerSpan(_part)} | {PerSpan(_blocks)} | {(double)_protobuf / _part:F1}x | {(double)_zstdPerPart / _part:F2}x |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_parts} parts, {_blockCount:N0} blocks of {(double)Spans / _blockCount:N0} spans on average"));
        Console.WriteLine();
    }

    public void Dispose() => _zstandard.Dispose();

    private string PerSpan(long bytes) => ((double)bytes / Spans).ToString("F1", CultureInfo.InvariantCulture);
}
