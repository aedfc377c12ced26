using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;

namespace OllyStack.Pipeline.Tests;

public sealed class AdmissionTests : PipelineFixtureTests
{
    [Fact]
    public void MissingKeyIsUnauthenticatedAndTheMessageSaysHowToSendOne()
    {
        var result = fixture.Pipeline.Admit(ReadOnlySpan<char>.Empty, Signal.Logs);

        Assert.Null(result.Principal);
        Assert.Equal(AdmissionFailure.Unauthenticated, result.Failure);
        Assert.Contains("Authorization: Bearer <key>", result.Message);
        Assert.Contains("X-Ollystack-Key", result.Message);
    }

    [Fact]
    public void UnknownKeyIsUnauthenticated()
    {
        fixture.CreateKey("acme", KeyScopes.Ingest);

        var result = fixture.Pipeline.Admit(ApiKeyFormat.NewKey(), Signal.Metrics);

        Assert.Null(result.Principal);
        Assert.Equal(AdmissionFailure.Unauthenticated, result.Failure);
        Assert.Contains("unknown", result.Message);
    }

    [Fact]
    public void RevokedKeyIsUnauthenticated()
    {
        var created = fixture.CreateKey("acme", KeyScopes.Ingest);
        fixture.ControlPlane.RevokeKey("acme", created.Info.Id, PipelineFixture.Operator);

        var result = fixture.Pipeline.Admit(created.Key, Signal.Traces);

        Assert.Equal(AdmissionFailure.Unauthenticated, result.Failure);
        Assert.Null(result.Principal);
    }

    [Theory]
    [InlineData(KeyScopes.Query)]
    [InlineData(KeyScopes.Admin)]
    [InlineData(KeyScopes.Query | KeyScopes.Admin)]
    public void KeyWithoutTheIngestScopeIsForbidden(KeyScopes scopes)
    {
        var created = fixture.CreateKey("acme", scopes);

        var result = fixture.Pipeline.Admit(created.Key, Signal.Traces);

        Assert.Null(result.Principal);
        Assert.Equal(AdmissionFailure.Forbidden, result.Failure);
        Assert.Contains(created.Info.Id, result.Message);
        Assert.Contains("traces", result.Message);
        Assert.Contains("ingest scope", result.Message);
    }

    [Theory]
    [InlineData(Signal.Metrics)]
    [InlineData(Signal.Logs)]
    [InlineData(Signal.Traces)]
    public void IngestKeyIsAdmittedAsItsTenant(Signal signal)
    {
        var created = fixture.CreateKey("acme", KeyScopes.Ingest | KeyScopes.Query);

        var result = fixture.Pipeline.Admit(created.Key, signal);

        Assert.Equal(AdmissionFailure.None, result.Failure);
        Assert.Null(result.Message);
        Assert.Equal(new Principal("acme", "key:" + created.Info.Id, (KeyScopes.Ingest | KeyScopes.Query).ToPermissions()), result.Principal);
    }
}
