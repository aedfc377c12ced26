using System.Globalization;
using OllyStack.Benchmarks.Workloads;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// One node-exporter host whose state is carried from scrape to scrape: the same 41 series as
/// <see cref="NodeExporterFleet"/>, but counters only ever grow, gauges wander around a daily cycle, and every value
/// has the resolution the real exporter reports (CPU in centisecond ticks, whole bytes, whole pages, load averages
/// with two decimals, histogram sums as full doubles). Load drives everything else: busy hosts send more traffic,
/// run more processes and answer requests more slowly, so series are correlated the way a fleet's are.
/// </summary>
public sealed class SimulatedNodeHost
{
    public const int Cores = 4;
    private const int TicksPerScrape = (int)(FleetHistory.IntervalMs / 10); // USER_HZ = 100
    private const long Page = 4096;
    private static readonly string[] Modes = ["user", "system", "idle", "iowait"];
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private static readonly double Load1Decay = Math.Exp(-10.0 / 60);
    private static readonly double Load5Decay = Math.Exp(-10.0 / 300);

    /// <summary>Every host's series in the order <see cref="Scrape"/> writes their values: name, then extra labels.</summary>
    public static readonly IReadOnlyList<(string Name, (string Name, string Value)[] Labels)> Series = BuildSeries();

    // What makes this host differ from the others; fixed for its life.
    private readonly double _baseLoad, _dailySwing, _peakHour, _ioShare;
    private readonly double _receiveRate, _transmitRatio, _readRate, _writeRate;
    private readonly long _memoryTotal, _filesystemSize;
    private readonly double _memoryMean, _requestRate, _latencyMedian;

    // State carried forward.
    private readonly long[] _cpuTicks = new long[Cores * 4];
    private readonly double[] _coreNoise = new double[Cores];
    private long _received, _transmitted, _read, _written, _filesystemAvail, _filesystemGrowth, _requests;
    private readonly long[] _bucketCounts = new long[Buckets.Length + 1];
    private double _memoryNoise, _load1, _load5, _latencySum;

    public SimulatedNodeHost(Random random)
    {
        _baseLoad = 0.05 + 0.3 * random.NextDouble();
        _dailySwing = 0.1 + 0.35 * random.NextDouble();
        _peakHour = 10 + 10 * random.NextDouble();
        _ioShare = 0.02 + 0.08 * random.NextDouble();
        _receiveRate = 50_000 * Math.Exp(3 * random.NextDouble());
        _transmitRatio = 0.3 + 1.2 * random.NextDouble();
        _readRate = 20_000 * Math.Exp(3 * random.NextDouble());
        _writeRate = 40_000 * Math.Exp(3 * random.NextDouble());
        _memoryTotal = (8L << 30) << random.Next(0, 4);
        _memoryMean = 0.3 + 0.4 * random.NextDouble();
        _filesystemSize = 200L << 30;
        _requestRate = 1 + 30 * random.NextDouble();
        _latencyMedian = 0.02 + 0.06 * random.NextDouble();

        // Hosts have been up for a while, so counters start where a month of uptime leaves them.
        var uptime = 86_400 * (1 + 59 * random.NextDouble());
        for (var core = 0; core < Cores; core++)
        {
            _cpuTicks[core * 4 + 0] = (long)(uptime * 100 * _baseLoad * 0.7);
            _cpuTicks[core * 4 + 1] = (long)(uptime * 100 * _baseLoad * 0.25);
            _cpuTicks[core * 4 + 2] = (long)(uptime * 100 * (1 - _baseLoad));
            _cpuTicks[core * 4 + 3] = (long)(uptime * 100 * _baseLoad * 0.05);
        }
        _received = (long)(uptime * _receiveRate * 0.6);
        _transmitted = (long)(_received * _transmitRatio);
        _read = (long)(uptime * _readRate * 0.7);
        _written = (long)(uptime * _writeRate * 0.7);
        _filesystemAvail = (long)(_filesystemSize * (0.3 + 0.5 * random.NextDouble())) / Page * Page;
        _load1 = _load5 = _baseLoad * Cores;
        var requests = (long)(uptime * _requestRate * 0.6);
        ObserveRequests(requests, _latencyMedian, random);
    }

    /// <summary>Advances the host by one scrape interval ending at <paramref name="timestampMs"/> and writes the scraped values.</summary>
    public void Scrape(long timestampMs, Random random, Span<double> values)
    {
        var hour = timestampMs % 86_400_000 / 3_600_000.0;
        var daily = 0.5 + 0.5 * Math.Cos(2 * Math.PI * (hour - _peakHour) / 24);
        var at = 0;

        var busySum = 0.0;
        for (var core = 0; core < Cores; core++)
        {
            _coreNoise[core] = 0.95 * _coreNoise[core] + 0.03 * Gaussian(random);
            var busyShare = Math.Clamp(_baseLoad + _dailySwing * daily + _coreNoise[core], 0.01, 0.97);
            busySum += busyShare;
            var busy = (long)Math.Round(TicksPerScrape * busyShare);
            var iowait = (long)Math.Round(busy * _ioShare * (0.5 + random.NextDouble()));
            var system = (long)Math.Round((busy - iowait) * 0.3);
            _cpuTicks[core * 4 + 0] += busy - iowait - system;
            _cpuTicks[core * 4 + 1] += system;
            _cpuTicks[core * 4 + 2] += TicksPerScrape - busy;
            _cpuTicks[core * 4 + 3] += iowait;
            for (var mode = 0; mode < 4; mode++) values[at++] = _cpuTicks[core * 4 + mode] / 100.0;
        }
        var load = busySum / Cores;

        var seconds = FleetHistory.IntervalMs / 1000.0;
        var received = (long)(_receiveRate * (0.3 + 0.7 * daily) * Math.Exp(0.4 * Gaussian(random)) * seconds);
        _received += received;
        _transmitted += (long)(received * _transmitRatio * Math.Exp(0.2 * Gaussian(random)));
        _read += (long)(_readRate * (0.5 + load) * Math.Exp(0.6 * Gaussian(random)) * seconds);
        var written = (long)(_writeRate * (0.5 + load) * Math.Exp(0.5 * Gaussian(random)) * seconds);
        _written += written;
        values[at++] = _received;
        values[at++] = _transmitted;
        values[at++] = _read;
        values[at++] = _written;

        _memoryNoise = 0.98 * _memoryNoise + 0.01 * Gaussian(random);
        var availableShare = Math.Clamp(_memoryMean - 0.15 * daily + _memoryNoise, 0.05, 0.95);
        values[at++] = _memoryTotal;
        values[at++] = (long)(_memoryTotal * availableShare) / Page * Page;

        // A twentieth of what is written stays on the root filesystem, until log rotation (twice a day on average)
        // deletes most of what piled up since the last one.
        var kept = written / 20 / Page * Page;
        _filesystemAvail -= kept;
        _filesystemGrowth += kept;
        if (random.NextDouble() < 1.0 / 4320 || _filesystemAvail < _filesystemSize / 20)
        {
            var freed = (long)(_filesystemGrowth * (0.8 + 0.2 * random.NextDouble())) / Page * Page;
            _filesystemAvail = Math.Min(_filesystemSize, _filesystemAvail + freed);
            _filesystemGrowth = 0;
        }
        values[at++] = _filesystemAvail;

        var runnable = busySum + 0.3 * Math.Abs(Gaussian(random));
        _load1 = _load1 * Load1Decay + runnable * (1 - Load1Decay);
        _load5 = _load5 * Load5Decay + runnable * (1 - Load5Decay);
        values[at++] = Math.Round(_load1, 2);
        values[at++] = Math.Round(_load5, 2);
        values[at++] = Math.Max(1, Math.Round(runnable + 2 * random.NextDouble()));
        values[at++] = 1; // up
        values[at++] = 1; // node_exporter_build_info

        var expected = _requestRate * (0.2 + 0.8 * daily) * seconds;
        var requests = Math.Max(0, (long)Math.Round(expected + Math.Sqrt(expected) * Gaussian(random)));
        ObserveRequests(requests, _latencyMedian * (1 + 1.5 * load), random);
        var cumulative = 0L;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += _bucketCounts[i];
            values[at++] = cumulative;
        }
        values[at++] = _requests;
        values[at++] = _latencySum;
        values[at++] = _requests;
    }

    // Spreads n requests over the buckets of a log-normal latency distribution (sigma 0.7) with the given median,
    // one binomial draw per bucket (normal approximation) on what the buckets before it left over.
    private void ObserveRequests(long requests, double median, Random random)
    {
        const double Sigma = 0.7;
        var left = requests;
        var probabilityLeft = 1.0;
        var previousCdf = 0.0;
        var sum = 0.0;
        for (var i = 0; i < Buckets.Length && left > 0; i++)
        {
            var cdf = NormalCdf((Math.Log(Buckets[i]) - Math.Log(median)) / Sigma);
            var share = probabilityLeft <= 0 ? 0 : Math.Clamp((cdf - previousCdf) / probabilityLeft, 0, 1);
            var draw = left * share + Math.Sqrt(left * share * (1 - share)) * Gaussian(random);
            var count = Math.Clamp((long)Math.Round(draw), 0, left);
            _bucketCounts[i] += count;
            sum += count * Math.Sqrt(Buckets[i] * (i == 0 ? Buckets[0] / 2 : Buckets[i - 1]));
            left -= count;
            probabilityLeft -= cdf - previousCdf;
            previousCdf = cdf;
        }
        _bucketCounts[^1] += left;
        sum += left * 2 * Buckets[^1];
        _requests += requests;
        // Observations are not their buckets' midpoints: a little noise keeps the sum a full-precision double.
        _latencySum += sum * Math.Exp(0.05 * Gaussian(random));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // Abramowitz and Stegun 7.1.26 (error below 1.5e-7): .NET has no erf, and the shape is all that matters here.
    private static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * z);
        var erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static List<(string, (string, string)[])> BuildSeries()
    {
        var series = new List<(string, (string, string)[])>();
        for (var core = 0; core < Cores; core++)
            foreach (var mode in Modes)
                series.Add(("node_cpu_seconds_total", [("cpu", core.ToString(CultureInfo.InvariantCulture)), ("mode", mode)]));
        series.Add(("node_network_receive_bytes_total", [("device", "eth0")]));
        series.Add(("node_network_transmit_bytes_total", [("device", "eth0")]));
        series.Add(("node_disk_read_bytes_total", [("device", "nvme0n1")]));
        series.Add(("node_disk_written_bytes_total", [("device", "nvme0n1")]));
        series.Add(("node_memory_MemTotal_bytes", []));
        series.Add(("node_memory_MemAvailable_bytes", []));
        series.Add(("node_filesystem_avail_bytes", [("mountpoint", "/")]));
        series.Add(("node_load1", []));
        series.Add(("node_load5", []));
        series.Add(("node_procs_running", []));
        series.Add(("up", []));
        series.Add(("node_exporter_build_info", [("version", "1.5.0")]));
        foreach (var le in Buckets) series.Add(("http_request_duration_seconds_bucket", [("le", le.ToString(CultureInfo.InvariantCulture))]));
        series.Add(("http_request_duration_seconds_bucket", [("le", "+Inf")]));
        series.Add(("http_request_duration_seconds_sum", []));
        series.Add(("http_request_duration_seconds_count", []));
        if (series.Count != NodeExporterFleet.SeriesPerHost) throw new InvalidOperationException("the history's series must match NodeExporterFleet's");
        return series;
    }
}
