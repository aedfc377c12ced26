using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests;

public sealed class AlertTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheFingerprintIsTheLabelSetsWhateverTheOrderTheLabelsCameIn()
    {
        var one = AlertFingerprint.Of(Labels.Of(("alertname", "HighLatency"), ("service", "cart")));
        var other = AlertFingerprint.Of(Labels.Of(("service", "cart"), ("alertname", "HighLatency")));

        Assert.Equal(one, other);
        Assert.Equal(16, AlertFingerprint.Format(one).Length);
    }

    [Fact]
    public void LabelSetsThatConcatenateAlikeHaveDifferentFingerprints()
    {
        Assert.NotEqual(AlertFingerprint.Of(Labels.Of(("a", "bc"))), AlertFingerprint.Of(Labels.Of(("ab", "c"))));
        Assert.NotEqual(AlertFingerprint.Of(Labels.Of(("a", "b"), ("c", "d"))), AlertFingerprint.Of(Labels.Of(("a", "bc"), ("d", ""))));
        Assert.NotEqual(AlertFingerprint.Of(Labels.Of(("x", new string('é', 300)))), AlertFingerprint.Of(Labels.Of(("x", new string('é', 299)))));
    }

    [Fact]
    public void AnAlertIsResolvedOnceItsEndHasPassed()
    {
        var firing = new Alert(Labels.Of(("alertname", "Down")), Labels.Empty, Start, null, "");
        var resolved = firing with { EndsAt = Start.AddMinutes(5) };

        Assert.False(firing.IsResolvedAt(Start.AddHours(1)));
        Assert.False(resolved.IsResolvedAt(Start.AddMinutes(4)));
        Assert.True(resolved.IsResolvedAt(Start.AddMinutes(5)));
    }
}
