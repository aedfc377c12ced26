namespace OllyStack.Storage.Tests.Datasets;

/// <summary>
/// A fact that needs a data set from shared/datasets. Where the data set is missing the test is skipped, saying why,
/// except on CI (environment variable CI=true), where it runs and fails: CI always has shared/ and must not pass by
/// skipping. xUnit 2 cannot skip from inside a test, so the decision is made here, when the attribute is built.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset)
    {
        if (SharedDatasets.Find(dataset) is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"data set '{dataset}' not found in ../shared/datasets beside the repository (set CI=true to make this a failure)";
    }
}
