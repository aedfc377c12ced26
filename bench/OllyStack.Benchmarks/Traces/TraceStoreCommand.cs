using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;
using OllyStack.Storage.Traces.Parts;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// `tracestore [--parts 10] [--seconds-per-part 30] [--traces-per-second 300] [--lookups 10000] [--searches 30] [--seed 1]`:
/// simulated OpenTelemetry demo traffic (<see cref="DemoShopTraces"/>), exported as the services' SDKs would
/// (<see cref="SpanExporters"/>), stored through the server's ingest path into one part per flush interval
/// (<see cref="SpanPartLoader"/>). Reports bytes per span of the parts against the OTLP protobuf that carried the spans
/// and Zstandard over it, the flush rate (head to part), trace lookups by id with the blocks each reads, and
/// Jaeger-style searches.
/// </summary>
public static class TraceStoreCommand
{
    private const long Second = 1_000_000_000;

    /// <summary>2026-11-24 00:00 UTC: a fixed start, so every run stores the same spans.</summary>
    private const long StartUnixNano = 1_795_478_400 * Second;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var (parts, secondsPerPart, tracesPerSecond) = ((int)options["parts"], options["seconds-per-part"], options["traces-per-second"]);
        if (parts is < 1 or > 64) throw new ArgumentException("--parts must be 1 to 64");
        await using var loader = SpanPartLoader.Create();
        var shop = new DemoShopTraces((int)options["seed"]);
        var exporters = new SpanExporters();
        var holders = new Dictionary<TraceId, ulong>();
        using var sizes = new SpanPartSizes();
        var flushes = new List<(long Spans, TimeSpan Time)>();
        var random = new Random((int)options["seed"]);
        var now = StartUnixNano;
        var clock = Stopwatch.StartNew();
        for (var p = 0; p < parts; p++)
        {
            var sent = new List<ExportedRequest>();
            var partEnd = StartUnixNano + (long)((p + 1) * secondsPerPart * Second);
            for (; now < partEnd; now += (long)(-Math.Log(1 - random.NextDouble()) / tracesPerSecond * Second))
            {
                var trace = shop.Next(now);
                exporters.Add(trace.Spans, trace.Spans.Max(s => (long)s.Span.EndTimeUnixNano), sent);
            }
            // The services stop after the last interval, so the last part completes every trace.
            if (p == parts - 1) exporters.Drain(now, sent);
            foreach (var request in sent)
                foreach (var id in request.TraceIds)
                    holders[id] = holders.GetValueOrDefault(id) | 1UL << p;
            var (part, flush) = await loader.StoreAsync(sent);
            sizes.Add(sent, part);
            flushes.Add((part.Header.RecordCount, flush));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sizes.Spans:N0} spans of {holders.Count:N0} traces in {parts} parts ({secondsPerPart:0} s of traffic at {tracesPerSecond:0} traces/s each), generated and stored in {clock.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine();
        sizes.Report();
        ReportWrites(flushes);
        ReportLookups(loader.Traces, holders, (int)options["lookups"], random);
        ReportSearches(loader.Traces, now, (int)options["searches"]);
        return 0;
    }

    private static void ReportWrites(List<(long Spans, TimeSpan Time)> flushes)
    {
        var spans = flushes.Sum(f => f.Spans);
        var seconds = flushes.Sum(f => f.Time.TotalSeconds);
        var perPart = flushes.Select(f => f.Time.TotalMilliseconds).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"write: {spans:N0} spans head to part in {seconds:F2} s = {spans / seconds:N0} spans/s (one thread; per part median {perPart[perPart.Count / 2]:F0} ms for {spans / flushes.Count:N0} spans)"));
        Console.WriteLine();
    }

    /// <summary>Lookups of stored ids drawn at random, and of ids never stored; each must read one block per part holding the trace, no more.</summary>
    private static void ReportLookups(TenantTraces traces, Dictionary<TraceId, ulong> holders, int lookups, Random random)
    {
        var ids = holders.Keys.ToArray();
        var parts = traces.Parts;
        long BlockReads() => parts.Sum(p => p.BlockReads);
        for (var i = 0; i < 200; i++) traces.FindTrace(ids[random.Next(ids.Length)]);

        var found = new Latencies();
        var (spans, reads, mismatches, allocated) = (0L, 0L, 0, 0L);
        var byHolders = new SortedDictionary<int, int>();
        for (var i = 0; i < lookups; i++)
        {
            var id = ids[random.Next(ids.Length)];
            var before = BlockReads();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            spans += traces.FindTrace(id).Count;
            found.Add(clock.Elapsed);
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
            var read = BlockReads() - before;
            var holding = BitOperations.PopCount(holders[id]);
            reads += read;
            if (read != holding) mismatches++;
            byHolders[holding] = byHolders.GetValueOrDefault(holding) + 1;
        }
        var absent = new Latencies();
        var absentReads = BlockReads();
        for (var i = 0; i < lookups; i++)
        {
            var id = new TraceId((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var clock = Stopwatch.StartNew();
            traces.FindTrace(id);
            absent.Add(clock.Elapsed);
        }
        absentReads = BlockReads() - absentReads;
        Console.WriteLine($"| trace lookup by id, {parts.Count} parts | p50 / p99 ms | spans per trace | blocks read per lookup | allocated per lookup |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {lookups:N0} stored ids at random | {found.Summary()} | {(double)spans / lookups:F1} | {(double)reads / lookups:F3} | {allocated / lookups / 1024.0:N0} KiB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {lookups:N0} ids never stored | {absent.Summary()} | 0 | {(double)absentReads / lookups:F3} | |"));
        Console.WriteLine();
        Console.WriteLine($"parts holding a looked-up trace: {string.Join(", ", byHolders.Select(h => $"{h.Key}: {h.Value:N0} lookups"))}; " +
            $"lookups whose block reads differ from the parts holding the trace: {mismatches}");
        Console.WriteLine();
    }

    private static void ReportSearches(TenantTraces traces, long endUnixNano, int repeats)
    {
        var all = new SpanScan(StartUnixNano, endUnixNano + 1);
        var lastMinute = all with { StartUnixNano = endUnixNano - 60 * Second };
        (string Name, SpanScan Scan)[] searches =
        [
            ("frontend, GET /api/products/[productId], all parts", all with { Service = "frontend", Operation = "GET /api/products/[productId]" }),
            ("frontend, GET /api/products/[productId], last minute", lastMinute with { Service = "frontend", Operation = "GET /api/products/[productId]" }),
            ("payment, oteldemo.PaymentService/Charge, all parts", all with { Service = "payment", Operation = "oteldemo.PaymentService/Charge" }),
            ("payment, oteldemo.PaymentService/Charge, last minute", lastMinute with { Service = "payment", Operation = "oteldemo.PaymentService/Charge" }),
        ];
        var parts = traces.Parts;
        Console.WriteLine($"| Jaeger-style search, limit 20, {parts.Count} parts | p50 / p99 ms | traces | spans returned | blocks read per search | allocated per search |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, scan) in searches)
        {
            var result = JaegerStyleSearch.Run(traces, scan, limit: 20);
            var latencies = new Latencies();
            var before = parts.Sum(p => p.BlockReads);
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                JaegerStyleSearch.Run(traces, scan, limit: 20);
                latencies.Add(clock.Elapsed);
            }
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / repeats / (1024.0 * 1024);
            var reads = (double)(parts.Sum(p => p.BlockReads) - before) / repeats;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {latencies.Summary()} | {result.Count} | {result.Sum(t => t.Count):N0} | {reads:F0} | {allocated:F0} MiB |"));
        }
        Console.WriteLine();
    }

    private static Dictionary<string, double> Options(string[] args)
    {
        var options = new Dictionary<string, double>
        {
            ["parts"] = 10, ["seconds-per-part"] = 30, ["traces-per-second"] = 300, ["lookups"] = 10_000, ["searches"] = 30, ["seed"] = 1,
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!options.ContainsKey(name) || i + 1 >= args.Length) throw new ArgumentException($"unknown option or missing value: {args[i]}; options: {string.Join(", ", options.Keys.Select(k => "--" + k))}");
            options[name] = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        return options;
    }
}
