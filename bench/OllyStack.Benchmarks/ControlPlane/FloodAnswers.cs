using System.Net;

namespace OllyStack.Benchmarks.ControlPlane;

/// <summary>How the flooding tenant's requests were answered, counted by every flooding connection.</summary>
internal sealed class FloodAnswers
{
    private long _accepted;
    private long _refused;
    private long _other;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    public long Other => Interlocked.Read(ref _other);

    public void Count(HttpStatusCode status)
    {
        if (status == HttpStatusCode.OK) Interlocked.Increment(ref _accepted);
        else if (status == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref _refused);
        else Interlocked.Increment(ref _other);
    }
}
