namespace OllyStack.Core.Metrics;

[Flags]
public enum SeriesFlags : byte
{
    None = 0,
    /// <summary>The samples are OpenTelemetry delta values; the store turns them into a cumulative series.</summary>
    Delta = 1,
}
