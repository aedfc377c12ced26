using OllyStack.Core.Batches;

namespace OllyStack.Core.Tenancy;

/// <summary>What a tenant's plan allows: the three signals and the intelligence features (<c>ml</c>).</summary>
[Flags]
public enum Features
{
    None = 0,
    Metrics = 1,
    Logs = 2,
    Traces = 4,
    Ml = 8,
    All = Metrics | Logs | Traces | Ml,
}

public static class FeatureNames
{
    private static readonly (Features Feature, string Name)[] Names =
        [(Features.Metrics, "metrics"), (Features.Logs, "logs"), (Features.Traces, "traces"), (Features.Ml, "ml")];

    public static Features Of(Signal signal) => signal switch
    {
        Signal.Metrics => Features.Metrics,
        Signal.Logs => Features.Logs,
        Signal.Traces => Features.Traces,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };

    public static IReadOnlyList<string> ToNames(this Features features) =>
        Names.Where(n => (features & n.Feature) != 0).Select(n => n.Name).ToArray();

    public static bool TryParse(IEnumerable<string> names, out Features features, out string? unknown)
    {
        features = Features.None;
        unknown = null;
        foreach (var name in names)
        {
            var match = Array.FindIndex(Names, n => n.Name == name.Trim());
            if (match < 0)
            {
                unknown = name;
                return false;
            }
            features |= Names[match].Feature;
        }
        return true;
    }
}
