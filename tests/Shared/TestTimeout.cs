namespace OllyStack.Testing;

/// <summary>How long a test polls for something the code under test does in the background before it gives up.</summary>
internal static class TestTimeout
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
