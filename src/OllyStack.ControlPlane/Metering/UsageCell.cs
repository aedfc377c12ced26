using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Metering;

/// <summary>One tenant's unflushed counts for one hour; request threads add with interlocked operations.</summary>
internal sealed class UsageCell
{
    // Events and bytes per UsageKind, interleaved: [kind * 2] events, [kind * 2 + 1] bytes.
    private readonly long[] _counts = new long[2 * (int)(UsageKind.Query + 1)];
    private long _storedHot = -1;
    private long _storedWarm = -1;
    private long _storedCold = -1;

    public void Add(UsageKind kind, long events, long bytes)
    {
        Interlocked.Add(ref _counts[2 * (int)kind], events);
        if (bytes != 0) Interlocked.Add(ref _counts[2 * (int)kind + 1], bytes);
    }

    public void SetStored(long hot, long warm, long cold)
    {
        Interlocked.Exchange(ref _storedHot, hot);
        Interlocked.Exchange(ref _storedWarm, warm);
        Interlocked.Exchange(ref _storedCold, cold);
    }

    /// <summary>The counts since the last take, which start again from zero; null if nothing happened.</summary>
    public UsageHour? Take(string tenant, DateTimeOffset hour)
    {
        var c = new long[_counts.Length];
        var any = false;
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = Interlocked.Exchange(ref _counts[i], 0);
            any |= c[i] != 0;
        }
        var hot = Interlocked.Exchange(ref _storedHot, -1);
        var warm = Interlocked.Exchange(ref _storedWarm, -1);
        var cold = Interlocked.Exchange(ref _storedCold, -1);
        if (!any && hot < 0 && warm < 0 && cold < 0) return null;
        return new UsageHour(tenant, hour,
            c[Events(UsageKind.Received)], c[Bytes(UsageKind.Received)], c[Events(UsageKind.Accepted)], c[Bytes(UsageKind.Accepted)],
            c[Events(UsageKind.SampledOut)], c[Bytes(UsageKind.SampledOut)], c[Events(UsageKind.Rejected)], c[Bytes(UsageKind.Rejected)],
            c[Events(UsageKind.Query)], hot, warm, cold);
    }

    private static int Events(UsageKind kind) => 2 * (int)kind;

    private static int Bytes(UsageKind kind) => 2 * (int)kind + 1;
}
