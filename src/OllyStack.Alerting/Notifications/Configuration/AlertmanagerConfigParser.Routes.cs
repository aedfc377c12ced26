namespace OllyStack.Alerting.Notifications.Configuration;

public static partial class AlertmanagerConfigParser
{
    private static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    /// <summary>A route and its children; what a route leaves out it takes from its parent.</summary>
    private static Route ParseRoute(YamlSection section, Route? parent, int index, IReadOnlyDictionary<string, ReceiverConfig> receivers)
    {
        var isRoot = parent is null;
        var receiver = section.String("receiver") ?? parent?.Receiver
            ?? throw YamlSection.Error(section.Node, section.FieldPath("receiver"), "root route must specify a default receiver");
        if (!receivers.ContainsKey(receiver)) throw section.Error("receiver", $"undefined receiver \"{receiver}\" used in route");
        var groupBy = ParseGroupBy(section) ?? parent?.GroupBy ?? GroupBy.Nothing;
        var groupWait = section.Duration("group_wait") ?? parent?.GroupWait ?? DefaultGroupWait;
        var groupInterval = section.Duration("group_interval") ?? parent?.GroupInterval ?? DefaultGroupInterval;
        if (groupInterval == TimeSpan.Zero) throw section.Error("group_interval", "group_interval cannot be zero");
        var repeatInterval = section.Duration("repeat_interval") ?? parent?.RepeatInterval ?? DefaultRepeatInterval;
        if (repeatInterval == TimeSpan.Zero) throw section.Error("repeat_interval", "repeat_interval cannot be zero");
        var matchers = ParseMatchers(section, "matchers", "match", "match_re");
        if (isRoot && matchers.Count > 0) throw YamlSection.Error(section.Node, section.Path, "root route must not have any matchers");
        var @continue = section.Bool("continue", false);
        if (isRoot && @continue) throw section.Error("continue", "cannot have continue in root route");
        var route = new Route(parent, index, matchers, receiver, groupBy, groupWait, groupInterval, repeatInterval, @continue);
        route.SetRoutes(section.Sections("routes").Select((child, i) => ParseRoute(child, route, i, receivers)).ToList());
        section.Finish(key => key is "mute_time_intervals" or "active_time_intervals");
        return route;
    }

    private static GroupBy? ParseGroupBy(YamlSection section)
    {
        if (section.Get("group_by") is null) return null;
        var names = section.Strings("group_by");
        if (names.Any(n => n.Value == "..."))
        {
            if (names.Count > 1) throw section.Error("group_by", "cannot have wildcard group_by (`...`) and other labels at the same time");
            return GroupBy.Everything;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in names)
        {
            LabelName(name, node, section.FieldPath("group_by"));
            if (!seen.Add(name)) throw YamlSection.Error(node, section.FieldPath("group_by"), $"duplicated label \"{name}\" in group_by");
        }
        return GroupBy.Labels(seen);
    }
}
