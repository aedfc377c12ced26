namespace OllyStack.Benchmarks.Logs;

/// <summary>One request a Grafana panel or Explore sends to the Loki API; <see cref="Query"/> is a LogQL query or, for patterns, a selector.</summary>
public sealed record GrafanaLogQuery(string Name, GrafanaLogQuery.Kinds Kind, string Query)
{
    public enum Kinds
    {
        /// <summary>A log query: the newest lines, <c>limit</c> 100, <c>direction=backward</c>.</summary>
        Logs,

        /// <summary>A metric query over the range at a 15 s step.</summary>
        Metric,

        /// <summary><c>/loki/api/v1/patterns</c>, Grafana's Patterns tab, at a 60 s step.</summary>
        Patterns,
    }

    /// <summary>Queries over the LogHub hour (streams labelled by <see cref="Workloads.LoghubPushStreams"/>), as users write them in Explore and dashboards.</summary>
    public static readonly GrafanaLogQuery[] LoghubQueries =
    [
        new("newest 100 lines of one stream", Kinds.Logs, """{service_name="HDFS", level="INFO"}"""),
        new("line filter, newest 100 matches, all streams", Kinds.Logs, "{job=\"loghub\"} |= \"error\""),
        new("line filter matching nothing, all streams", Kinds.Logs, "{job=\"loghub\"} |= \"no such text 4711\""),
        new("regexp line filter, newest 100 matches, all streams", Kinds.Logs, "{job=\"loghub\"} |~ \"(?i)timeout|timed out|connection refused\""),
        new("volume by level", Kinds.Metric, """sum by (level) (count_over_time({job="loghub"}[1m]))"""),
        new("error rate by service", Kinds.Metric, """sum by (service_name) (rate({job="loghub"} |= "error" [1m]))"""),
        new("pattern parser: top 5 users of failed logins", Kinds.Metric,
            """topk(5, sum by (user) (count_over_time({service_name="OpenSSH"} |= "Failed password" | pattern "<_> Failed password for <user> from <_> port <_> ssh2" [5m])))"""),
        new("patterns tab (/loki/api/v1/patterns) of one service", Kinds.Patterns, """{service_name="HDFS"}"""),
    ];
}
