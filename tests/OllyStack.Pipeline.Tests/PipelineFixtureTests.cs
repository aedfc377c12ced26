namespace OllyStack.Pipeline.Tests;

/// <summary>Tests that each get a fresh <see cref="PipelineFixture"/>: its own control plane and write-ahead log.</summary>
public abstract class PipelineFixtureTests : IAsyncLifetime
{
    private protected PipelineFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = PipelineFixture.Create();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => fixture.DisposeAsync().AsTask();
}
