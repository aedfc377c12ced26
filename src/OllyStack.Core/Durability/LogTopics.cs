using OllyStack.Core.Batches;

namespace OllyStack.Core.Durability;

/// <summary>The topics ingest writes: one per signal.</summary>
public static class LogTopics
{
    public const string Metrics = "metrics";
    public const string Logs = "logs";
    public const string Traces = "traces";

    public static readonly string[] All = [Metrics, Logs, Traces];

    public static string For(Signal signal) => signal switch
    {
        Signal.Metrics => Metrics,
        Signal.Logs => Logs,
        Signal.Traces => Traces,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };
}
