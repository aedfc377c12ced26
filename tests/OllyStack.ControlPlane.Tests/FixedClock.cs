namespace OllyStack.ControlPlane.Tests;

/// <summary>A clock that reads what the test set, so stored times can be checked exactly.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
