namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>A fact over the shared datasets: skipped with the reason where they are absent, except under CI, where it runs (and fails).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute()
    {
        if (SharedDatasets.Root is null && !SharedDatasets.RequiredHere) Skip = SharedDatasets.MissingReason;
    }
}
