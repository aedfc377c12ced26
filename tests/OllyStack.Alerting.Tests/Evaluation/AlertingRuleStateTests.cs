using OllyStack.Alerting.Evaluation;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Evaluation;

/// <summary>Prometheus' alert state machine: pending, firing after <c>for</c>, keep_firing_for, resolved and kept 15 minutes, resends.</summary>
public sealed class AlertingRuleStateTests
{
    private const long Minute = 60_000;
    private static readonly Labels Cart = Labels.Of(("alertname", "HighErrors"), ("service", "cart"));
    private static readonly Labels Shop = Labels.Of(("alertname", "HighErrors"), ("service", "shop"));

    private static RuleResult[] Results(params Labels[] labels) => [.. labels.Select(l => new RuleResult(l, Labels.Of(("summary", "errors")), 7))];

    private static (AlertState, long Active, long Fired, long Resolved)[] States(AlertingRuleState state) =>
        [.. state.Alerts.OrderBy(a => a.Labels).Select(a => (a.State, a.ActiveAtMs, a.FiredAtMs, a.ResolvedAtMs))];

    [Fact]
    public void AResultIsPendingUntilItHasBeenReturnedForTheForDurationThenFires()
    {
        var state = new AlertingRuleState(TimeSpan.FromMinutes(5), TimeSpan.Zero);

        state.Apply(0, Results(Cart));
        state.Apply(4 * Minute, Results(Cart));
        Assert.Equal([(AlertState.Pending, 0L, 0L, 0L)], States(state));

        state.Apply(5 * Minute, Results(Cart));
        Assert.Equal([(AlertState.Firing, 0L, 5 * Minute, 0L)], States(state));
        Assert.Equal((7.0, "summary"), (state.Alerts.Single().Value, state.Alerts.Single().Annotations[0].Name));
    }

    [Fact]
    public void WithoutForAResultFiresAtOnce()
    {
        var state = new AlertingRuleState(TimeSpan.Zero, TimeSpan.Zero);

        state.Apply(Minute, Results(Cart, Shop));

        Assert.Equal([(AlertState.Firing, Minute, Minute, 0L), (AlertState.Firing, Minute, Minute, 0L)], States(state));
    }

    [Fact]
    public void APendingAlertThatDisappearsIsDroppedAndStartsAgainIfItReturns()
    {
        var state = new AlertingRuleState(TimeSpan.FromMinutes(5), TimeSpan.Zero);
        state.Apply(0, Results(Cart));

        state.Apply(Minute, []);
        Assert.Empty(state.Alerts);

        state.Apply(2 * Minute, Results(Cart));
        Assert.Equal([(AlertState.Pending, 2 * Minute, 0L, 0L)], States(state));
    }

    [Fact]
    public void AFiringAlertThatDisappearsIsResolvedKeptFifteenMinutesThenDropped()
    {
        var state = new AlertingRuleState(TimeSpan.Zero, TimeSpan.Zero);
        state.Apply(0, Results(Cart));

        state.Apply(Minute, []);
        Assert.Equal([(AlertState.Inactive, 0L, 0L, Minute)], States(state));

        state.Apply(16 * Minute, []);
        Assert.Single(state.Alerts);
        state.Apply(16 * Minute + 1, []);
        Assert.Empty(state.Alerts);
    }

    [Fact]
    public void AResolvedAlertThatReturnsStartsOverAsANewAlert()
    {
        var state = new AlertingRuleState(TimeSpan.FromMinutes(1), TimeSpan.Zero);
        state.Apply(0, Results(Cart));
        state.Apply(Minute, Results(Cart));
        state.Apply(2 * Minute, []);

        state.Apply(3 * Minute, Results(Cart));

        Assert.Equal([(AlertState.Pending, 3 * Minute, 0L, 0L)], States(state));
    }

    [Fact]
    public void KeepFiringForHoldsAFiringAlertAfterTheResultStops()
    {
        var state = new AlertingRuleState(TimeSpan.Zero, TimeSpan.FromMinutes(2));
        state.Apply(0, Results(Cart));

        state.Apply(Minute, []);
        state.Apply(2 * Minute, []);
        Assert.Equal([(AlertState.Firing, 0L, 0L, 0L)], States(state));

        state.Apply(3 * Minute, []);
        Assert.Equal([(AlertState.Inactive, 0L, 0L, 3 * Minute)], States(state));
    }

    [Fact]
    public void KeepFiringForStartsAgainWhenTheResultComesBack()
    {
        var state = new AlertingRuleState(TimeSpan.Zero, TimeSpan.FromMinutes(2));
        state.Apply(0, Results(Cart));
        state.Apply(Minute, []);
        state.Apply(2 * Minute, Results(Cart));

        state.Apply(3 * Minute, []);
        state.Apply(4 * Minute, []);

        Assert.Equal(AlertState.Firing, state.Alerts.Single().State);
    }

    [Fact]
    public void ResultsWithTheSameLabelsAreAnErrorThatChangesNothing()
    {
        var state = new AlertingRuleState(TimeSpan.Zero, TimeSpan.Zero);
        state.Apply(0, Results(Cart));

        var error = Assert.Throws<AlertEvaluationException>(() => state.Apply(Minute, Results(Shop, Shop)));

        Assert.Contains("same labelset", error.Message);
        Assert.Equal([(AlertState.Firing, 0L, 0L, 0L)], States(state));
    }

    [Fact]
    public void FiringAlertsAreSentWhenTheyFireAndAgainAfterTheResendDelayResolvedOnesWhenTheyResolve()
    {
        var state = new AlertingRuleState(TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var resend = TimeSpan.FromMinutes(1);

        state.Apply(0, Results(Cart));
        Assert.Empty(state.TakeDue(0, resend));
        state.Apply(Minute, Results(Cart));
        Assert.Single(state.TakeDue(Minute, resend));
        state.Apply(Minute + 30_000, Results(Cart));
        Assert.Empty(state.TakeDue(Minute + 30_000, resend));
        state.Apply(2 * Minute + 1, Results(Cart));
        Assert.Single(state.TakeDue(2 * Minute + 1, resend));

        state.Apply(2 * Minute + 2, []);
        var resolved = Assert.Single(state.TakeDue(2 * Minute + 2, resend));
        Assert.Equal(AlertState.Inactive, resolved.State);
        Assert.Empty(state.TakeDue(2 * Minute + 3, resend));
    }
}
