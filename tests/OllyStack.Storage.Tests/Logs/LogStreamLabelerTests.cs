using OllyStack.Storage.Logs;

namespace OllyStack.Storage.Tests.Logs;

public sealed class LogStreamLabelerTests
{
    private static string Labels(string resource, byte severityNumber = 0, string severityText = "") =>
        LogStream.KeyOf(LogStreamLabeler.Labels(
            resource.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])),
            severityNumber, severityText));

    [Fact]
    public void ResourceAttributesBecomeLabelsWithDotsAsUnderscores() =>
        Assert.Equal("{deployment_environment=\"prod\", k8s_pod_name=\"api-1\", level=\"info\", service_name=\"checkout\"}",
            Labels("service.name=checkout,k8s.pod.name=api-1,deployment.environment=prod", 9));

    [Theory]
    [InlineData(1, "", "trace")]
    [InlineData(8, "", "debug")]
    [InlineData(12, "Information", "info")]
    [InlineData(13, "", "warn")]
    [InlineData(17, "whatever", "error")]
    [InlineData(24, "", "fatal")]
    [InlineData(0, "Warning", "warn")]
    [InlineData(0, "ERR", "error")]
    [InlineData(0, "Critical", "fatal")]
    [InlineData(0, "Notice", "info")]
    [InlineData(0, "custom", "custom")]
    public void TheLevelComesFromTheSeverityNumberElseItsText(byte number, string text, string level) =>
        Assert.Equal(level, LogStreamLabeler.LevelOf(number, text));

    [Fact]
    public void WithoutSeverityThereIsNoLevelLabel() =>
        Assert.Equal("{service_name=\"api\"}", Labels("service.name=api"));

    [Fact]
    public void AServiceNameIsDiscoveredFromUsualLabelsOrUnknown()
    {
        Assert.Equal("{app=\"shop\", job=\"varlogs\", service_name=\"shop\"}", Labels("job=varlogs,app=shop"));
        Assert.Equal("{host=\"a\", service_name=\"unknown_service\"}", Labels("host=a"));
    }

    [Fact]
    public void ALevelLabelSentWithTheStreamWins() =>
        Assert.Equal("{level=\"ERROR\", service_name=\"api\"}", Labels("service_name=api,level=ERROR", 9));

    [Theory]
    [InlineData("service.name", "service_name")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("9lives", "_9lives")]
    [InlineData("k8s/pod-name", "k8s_pod_name")]
    [InlineData("already_fine", "already_fine")]
    public void NamesAreSanitizedLikeLoki(string name, string label) => Assert.Equal(label, LogLabelNames.Sanitize(name));
}
