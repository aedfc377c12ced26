using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using OllyStack.Ingest.Prometheus;
using Snappier;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// The whole simulated history as snappy-compressed remote-write request bodies in a temporary file, generated once
/// before any target starts: every target is sent the identical bytes, and during a run the client's CPU (on the
/// same two cores as the server) goes to sending, not simulating and encoding.
/// File layout: per request, a 4-byte little-endian length and the body; requests in chronological order, each
/// round's hosts in ascending order, <see cref="HostsPerRequest"/> hosts per request.
/// </summary>
public sealed class HistorySpool : IDisposable
{
    public const int HostsPerRequest = 50;
    private readonly string _directory;

    private HistorySpool(string directory, string file)
    {
        _directory = directory;
        File = file;
    }

    public string File { get; }

    public int Hosts { get; private init; }

    public int Rounds { get; private init; }

    public int RequestsPerRound => Hosts / HostsPerRequest;

    public int Requests => Rounds * RequestsPerRound;

    public int SamplesPerRequest => HostsPerRequest * FleetHistory.SeriesPerHost;

    public long Samples => (long)Requests * SamplesPerRequest;

    public long StartMs { get; private init; }

    /// <summary>The last round's timestamp.</summary>
    public long EndMs => StartMs + (Rounds - 1) * FleetHistory.IntervalMs;

    public long RawBytes { get; private init; }

    public long CompressedBytes { get; private init; }

    /// <summary>
    /// Simulates <paramref name="hours"/> of the fleet ending just before now, rounds aligned to the 10 s interval,
    /// and writes it to a new temporary file.
    /// </summary>
    public static HistorySpool Create(int hosts, double hours, TextWriter log)
    {
        if (hosts <= 0 || hosts % HostsPerRequest != 0) throw new ArgumentException($"--hosts must be a positive multiple of {HostsPerRequest}");
        var rounds = (int)Math.Round(hours * 3_600_000 / FleetHistory.IntervalMs);
        if (rounds < 1) throw new ArgumentException("--hours must cover at least one 10 s scrape round");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = (now - rounds * FleetHistory.IntervalMs) / FleetHistory.IntervalMs * FleetHistory.IntervalMs;

        var directory = Directory.CreateTempSubdirectory("history-spool-").FullName;
        var file = Path.Combine(directory, "requests.bin");
        var fleet = new FleetHistory(hosts, start);
        var encoder = new FleetRequestEncoder(hosts);
        var raw = new byte[encoder.MaxBytes(0, hosts)];
        var compressed = new byte[Snappy.GetMaxCompressedLength(raw.Length)];
        var length = new byte[4];
        long rawBytes = 0, compressedBytes = 0;
        var clock = Stopwatch.StartNew();
        using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (var round = 0; round < rounds; round++)
            {
                fleet.NextRound();
                for (var first = 0; first < hosts; first += HostsPerRequest)
                {
                    var rawLength = encoder.Encode(fleet, first, HostsPerRequest, raw);
                    if (round == 0 && first == 0) Verify(raw.AsSpan(0, rawLength), fleet.TimestampMs);
                    var compressedLength = Snappy.Compress(raw.AsSpan(0, rawLength), compressed);
                    BinaryPrimitives.WriteInt32LittleEndian(length, compressedLength);
                    output.Write(length);
                    output.Write(compressed, 0, compressedLength);
                    rawBytes += rawLength;
                    compressedBytes += compressedLength;
                }
                if (clock.Elapsed.TotalSeconds >= 10 && round % 360 == 0)
                {
                    log.WriteLine($"  generated {round / 360.0:F0} h of {hours} h");
                    clock.Restart();
                }
            }
        }
        return new HistorySpool(directory, file) { Hosts = hosts, Rounds = rounds, StartMs = start, RawBytes = rawBytes, CompressedBytes = compressedBytes };
    }

    /// <summary>The request bodies in order, read from the file as they are consumed.</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var input = new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var length = new byte[4];
        for (var i = 0; i < Requests; i++)
        {
            await input.ReadExactlyAsync(length, cancellation);
            var body = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
            await input.ReadExactlyAsync(body, cancellation);
            yield return body;
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The hand encoder's output must parse with the generated types as one sample per series, all at the round's time.
    private static void Verify(ReadOnlySpan<byte> raw, long timestamp)
    {
        var request = WriteRequest.Parser.ParseFrom(raw);
        if (request.Timeseries.Count != HostsPerRequest * FleetHistory.SeriesPerHost
            || request.Timeseries.Any(s => s.Samples.Count != 1 || s.Samples[0].Timestamp != timestamp || s.Labels.Count < 3))
            throw new InvalidOperationException("the hand-encoded remote-write request does not parse back as written");
    }
}
