namespace OllyStack.Core.Batches;

/// <summary>The three OpenTelemetry signals; the numbers are written in batch headers.</summary>
public enum Signal : byte
{
    Metrics = 1,
    Logs = 2,
    Traces = 3,
}

public static class SignalNames
{
    public static string Name(this Signal signal) => signal switch
    {
        Signal.Metrics => "metrics",
        Signal.Logs => "logs",
        Signal.Traces => "traces",
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };
}
