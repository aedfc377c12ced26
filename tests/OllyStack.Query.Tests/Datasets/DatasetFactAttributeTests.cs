using OllyStack.Testing;
using Xunit.Sdk;

namespace OllyStack.Query.Tests.Datasets;

/// <summary>Changes the process's CI variable; the collection keeps these tests from running beside each other.</summary>
[Collection(nameof(DatasetFactAttributeTests))]
public sealed class DatasetFactAttributeTests
{
    private const string Missing = "no-such-dataset";

    [Fact]
    public void MissingDatasetSkipsWithItsPathOutsideCi()
    {
        WithCi(null, () =>
        {
            var fact = new DatasetFactAttribute(Missing);

            Assert.NotNull(fact.Skip);
            Assert.Contains(SharedDatasets.PathOf(Missing), fact.Skip);
        });
    }

    [Fact]
    public void MissingDatasetRunsAndFailsUnderCi()
    {
        WithCi("true", () =>
        {
            Assert.Null(new DatasetFactAttribute(Missing).Skip);
            var failure = Assert.Throws<FailException>(() => SharedDatasets.Require(Missing));
            Assert.Contains(SharedDatasets.PathOf(Missing), failure.Message);
        });
    }

    private static void WithCi(string? value, Action test)
    {
        var saved = Environment.GetEnvironmentVariable("CI");
        Environment.SetEnvironmentVariable("CI", value);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", saved);
        }
    }
}
