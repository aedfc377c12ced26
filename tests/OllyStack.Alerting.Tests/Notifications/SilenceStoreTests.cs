using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Notifications.Matching;
using OllyStack.Alerting.Notifications.Silencing;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Notifications;

public sealed class SilenceStoreTests
{
    private readonly FakeTimeProvider _time = new(NotifierHarness.Start);
    private readonly SilenceStore _store;

    public SilenceStoreTests() => _store = new SilenceStore(null, _time);

    private DateTimeOffset Now => _time.GetUtcNow();

    private SilenceRequest Request(string matchers = "job=api", string? id = null, TimeSpan? start = null, TimeSpan? end = null) =>
        new(id, MatcherParser.Parse(matchers), Now + (start ?? TimeSpan.Zero), Now + (end ?? TimeSpan.FromHours(1)), "ops", "why");

    [Fact]
    public void ASilenceMutesMatchingAlertsOnlyWhileActive()
    {
        _store.Set(Request(start: TimeSpan.FromMinutes(10), end: TimeSpan.FromMinutes(20)));
        var labels = Labels.Of(("job", "api"));

        Assert.False(_store.Mutes(labels, Now));
        Assert.True(_store.Mutes(labels, Now.AddMinutes(15)));
        Assert.False(_store.Mutes(Labels.Of(("job", "web")), Now.AddMinutes(15)));
        Assert.False(_store.Mutes(labels, Now.AddMinutes(20)));
    }

    [Fact]
    public void ChangingTheEndOfAnActiveSilenceKeepsItsIdWhileChangingItsMatchersReplacesIt()
    {
        var id = _store.Set(Request());
        _time.Advance(TimeSpan.FromMinutes(1));
        var original = _store.Get(id)!;

        Assert.Equal(id, _store.Set(Request(id: id) with { StartsAt = original.StartsAt, EndsAt = Now.AddHours(3) }));
        var replacement = _store.Set(Request("job=web", id: id));

        Assert.NotEqual(id, replacement);
        Assert.Equal(SilenceState.Expired, _store.Get(id)!.StateAt(Now));
        Assert.Equal(SilenceState.Active, _store.Get(replacement)!.StateAt(Now));
    }

    [Fact]
    public void ExpiringEndsASilenceNowAndListsItAfterTheLiveOnes()
    {
        var expired = _store.Set(Request());
        var pending = _store.Set(Request(start: TimeSpan.FromHours(1), end: TimeSpan.FromHours(2)));
        var active = _store.Set(Request("job=web"));

        _store.Expire(expired);

        Assert.Equal([active, pending, expired], _store.List().Select(s => s.Id));
        Assert.Throws<SilenceException>(() => _store.Expire(expired));
        Assert.True(Assert.Throws<SilenceException>(() => _store.Expire("nope")).NotFound);
    }

    [Theory]
    [InlineData("job=~\".*\"", 0, 60, "must not match the empty string")]
    [InlineData("job=api", 30, 10, "start time must be before end time")]
    [InlineData("job=api", -120, -60, "end time can't be in the past")]
    public void InvalidSilencesAreRefused(string matchers, int startMinutes, int endMinutes, string reason)
    {
        var error = Assert.Throws<SilenceException>(() => _store.Set(Request(matchers, start: TimeSpan.FromMinutes(startMinutes), end: TimeSpan.FromMinutes(endMinutes))));

        Assert.Contains(reason, error.Message);
    }
}
