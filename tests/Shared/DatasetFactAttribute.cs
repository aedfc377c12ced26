namespace OllyStack.Testing;

/// <summary>
/// A fact that needs a shared dataset. xUnit 2 cannot skip at run time, so the decision is made when the test is
/// discovered: skipped with the reason when the dataset is missing, unless CI=true, where the test runs and fails.
/// </summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset) => Skip = SharedDatasets.SkipUnlessCi(SharedDatasets.Exists(dataset) ? null : SharedDatasets.MissingReason(dataset));
}
