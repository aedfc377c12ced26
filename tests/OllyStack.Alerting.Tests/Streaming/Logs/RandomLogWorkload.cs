using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Streaming.Logs;

/// <summary>
/// Request logs of a few services in logfmt (method, status, latency, a message), at info, warn and error level, each
/// step a handful of lines per service at random times of the last 15 seconds, so some arrive after later ones.
/// </summary>
internal sealed class RandomLogWorkload(Random random)
{
    private const long Second = 1_000_000_000;
    private static readonly string[] Services = ["api", "web", "db"];
    private static readonly string[] Methods = ["GET", "POST", "PUT"];
    private static readonly (byte Severity, string Text, string Message, int Status)[] Kinds =
    [
        (9, "Information", "ok", 200),
        (9, "Information", "ok", 201),
        (13, "Warning", "slow query", 200),
        (17, "Error", "upstream timeout", 504),
        (17, "Error", "connection reset", 502),
        (17, "Error", "upstream timeout", 503),
    ];

    /// <summary>Each service's lines of one step: (resource attributes, lines), lines stamped before <paramref name="nowNano"/>.</summary>
    public IReadOnlyList<(string Resource, LogRecordSpec[] Lines)> Step(long nowNano)
    {
        var batches = new List<(string, LogRecordSpec[])>();
        foreach (var service in Services)
        {
            var lines = new LogRecordSpec[random.Next(0, 6)];
            for (var i = 0; i < lines.Length; i++)
            {
                var (severity, text, message, status) = Kinds[random.Next(Kinds.Length)];
                var latency = random.Next(1, 1_000);
                var body = $"method={Methods[random.Next(Methods.Length)]} status={status} latency_ms={latency} msg=\"{message}\"";
                lines[i] = new LogRecordSpec(nowNano - 1 - random.NextInt64(15 * Second), body, severity, text);
            }
            if (lines.Length > 0) batches.Add(($"service.name={service}", lines));
        }
        return batches;
    }
}
