using System.Globalization;
using OllyStack.Storage.Codecs;
using OllyStack.Testing;
using OllyStack.Storage.Tests.Codecs;
using Xunit.Abstractions;

namespace OllyStack.Storage.Tests.Datasets;

/// <summary>
/// Every series of the Numenta Anomaly Benchmark (58 real and artificial series, shared/datasets/nab) in blocks of
/// 8192 samples, timestamps as the files give them in milliseconds. Reports bytes per sample per file and overall for
/// each block compression; asserts only the round trip and a loose bound, because sizes are a benchmark output.
/// </summary>
public sealed class NabDatasetTests(ITestOutputHelper output)
{
    private const int BlockSamples = 8192;
    private const int SeriesInNab = 58;

    [DatasetFact("nab")]
    public void EveryNabSeriesRoundTripsAndReportsBytesPerSample()
    {
        var files = NabFiles(SharedDatasets.Require("nab"));
        Assert.Equal(SeriesInNab, files.Length);

        var compressions = Enum.GetValues<BlockCompression>();
        var totals = new long[compressions.Length];
        long samples = 0, gorillaValueBytes = 0;
        output.WriteLine($"{"series",-58} {"samples",7} {"encodings",-32} {"none",6} {"lz4",6} {"zstd",6}  (bytes/sample)");
        foreach (var file in files)
        {
            var (timestamps, values) = Read(file);
            var bytes = new long[compressions.Length];
            var encodings = "";
            for (var c = 0; c < compressions.Length; c++)
            {
                for (var start = 0; start < timestamps.Length; start += BlockSamples)
                {
                    var end = Math.Min(timestamps.Length, start + BlockSamples);
                    var block = BlockRoundTrip.Check(timestamps[start..end], values[start..end], compressions[c]);
                    bytes[c] += block.Length;
                    if (start == 0 && c == 0)
                    {
                        var header = SampleBlockHeader.Read(block);
                        encodings = $"{header.TimestampEncoding}/{header.ValueEncoding}";
                    }
                }
                totals[c] += bytes[c];
            }
            samples += timestamps.Length;
            gorillaValueBytes += GorillaXor.Measure(values);
            output.WriteLine($"{Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(file))!, file),-58} {timestamps.Length,7} {encodings,-32} " +
                string.Join(" ", bytes.Select(b => $"{(double)b / timestamps.Length,6:F3}")));
        }
        output.WriteLine($"{"overall",-58} {samples,7} {"",-32} " + string.Join(" ", totals.Select(b => $"{(double)b / samples,6:F3}")));
        output.WriteLine($"for reference, the values alone as Gorilla XOR: {(double)gorillaValueBytes / samples:F3} bytes/sample");

        Assert.All(totals, total => Assert.True((double)total / samples < 8, $"{(double)total / samples:F3} bytes/sample"));
    }

    /// <summary>The series files: the CSVs directly inside NAB's category folders (not the detectors' results).</summary>
    private static string[] NabFiles(string nab) =>
        Directory.GetDirectories(nab)
            .SelectMany(category => Directory.GetFiles(category, "*.csv"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static (long[] Timestamps, double[] Values) Read(string file)
    {
        var timestamps = new List<long>();
        var values = new List<double>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            if (line.Length == 0) continue;
            var comma = line.IndexOf(',');
            var time = DateTime.ParseExact(line[..comma], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            timestamps.Add(new DateTimeOffset(time).ToUnixTimeMilliseconds());
            values.Add(double.Parse(line.AsSpan(comma + 1), CultureInfo.InvariantCulture));
        }
        return (timestamps.ToArray(), values.ToArray());
    }
}
