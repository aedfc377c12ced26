using OllyStack.Alerting.Notifications.Matching;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// A node of the routing tree, with the settings it inherited already applied. An alert goes to the deepest routes
/// that match it: children are tried in order, the first match ends the search unless that child has
/// <c>continue: true</c>, and a route none of whose children match takes the alert itself.
/// </summary>
public sealed class Route
{
    public Route(
        Route? parent, int index, Matchers matchers, string receiver, GroupBy groupBy,
        TimeSpan groupWait, TimeSpan groupInterval, TimeSpan repeatInterval, bool @continue)
    {
        Matchers = matchers;
        Receiver = receiver;
        GroupBy = groupBy;
        GroupWait = groupWait;
        GroupInterval = groupInterval;
        RepeatInterval = repeatInterval;
        Continue = @continue;
        Key = parent is null ? matchers.ToString() : parent.Key + "/" + matchers;
        Id = parent is null ? "0" : parent.Id + "." + index;
    }

    public Matchers Matchers { get; }

    public string Receiver { get; }

    public GroupBy GroupBy { get; }

    public TimeSpan GroupWait { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan RepeatInterval { get; }

    public bool Continue { get; }

    public IReadOnlyList<Route> Routes { get; private set; } = [];

    /// <summary>Alertmanager's route key, the first part of a group key: <c>{}/{severity="critical"}</c>.</summary>
    public string Key { get; }

    /// <summary>The route's position in the tree (<c>0.2.1</c>): unlike <see cref="Key"/>, distinct for siblings with equal matchers.</summary>
    public string Id { get; }

    /// <summary>Set once, by the parser, before the route is used.</summary>
    internal void SetRoutes(IReadOnlyList<Route> routes) => Routes = routes;

    public List<Route> Match(Labels labels)
    {
        var matches = new List<Route>();
        if (Matchers.Matches(labels)) Collect(labels, matches);
        return matches;
    }

    private void Collect(Labels labels, List<Route> matches)
    {
        var before = matches.Count;
        foreach (var child in Routes)
        {
            if (!child.Matchers.Matches(labels)) continue;
            child.Collect(labels, matches);
            if (!child.Continue) break;
        }
        if (matches.Count == before) matches.Add(this);
    }
}
