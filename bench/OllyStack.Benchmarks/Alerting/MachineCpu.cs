using System.Globalization;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// CPU seconds the whole machine has been busy (all cores, everything but idle and I/O wait) from /proc/stat. The
/// benchmark shares two cores with whatever else runs; what neither the server nor the load generator used shows
/// whether a run was disturbed.
/// </summary>
public static class MachineCpu
{
    public static double BusySeconds()
    {
        using var stat = new StreamReader("/proc/stat");
        var fields = stat.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal ..., in clock ticks of 1/100 s.
        long busy = 0;
        for (var i = 1; i <= 8 && i < fields.Length; i++)
            if (i is not (4 or 5)) busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
        return busy / 100.0;
    }
}
