using OllyStack.Alerting.Notifications;
using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Notifications;

public sealed class AlertmanagerConfigParserTests
{
    private const string Full = """
        global:
          resolve_timeout: 2m
          slack_api_url: https://hooks.slack.test/services/T/B/X
        route:
          receiver: team-default
          group_by: [alertname, cluster]
          group_wait: 10s
          routes:
            - matchers: ['severity=~"crit|warn"', service="checkout"]
              receiver: team-checkout
              group_interval: 1m
              continue: true
            - match: { team: db }
              match_re: { env: "prod|staging" }
              receiver: team-db
              group_by: ['...']
              routes:
                - matchers: [severity = critical]
                  repeat_interval: 1h
        receivers:
          - name: team-default
            webhook_configs:
              - url: http://127.0.0.1:9999/hook
                max_alerts: 10
                http_config:
                  authorization: { credentials: s3cret }
          - name: team-checkout
            slack_configs:
              - channel: '#checkout'
                send_resolved: true
                title: '{{ .CommonLabels.alertname }}'
          - name: team-db
            alertmanager_configs:
              - url: http://127.0.0.1:9093
        inhibit_rules:
          - source_matchers: [severity="critical"]
            target_matchers: [severity="warning"]
            equal: [alertname, cluster]
        """;

    [Fact]
    public void AFullConfigurationIsReadWithItsDefaultsAndInheritance()
    {
        var config = AlertmanagerConfigParser.Parse(Full);

        Assert.Equal(TimeSpan.FromMinutes(2), config.Global.ResolveTimeout);
        var root = config.Route;
        Assert.Equal("team-default", root.Receiver);
        Assert.Equal(TimeSpan.FromSeconds(10), root.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), root.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), root.RepeatInterval);
        var checkout = root.Routes[0];
        Assert.Equal(TimeSpan.FromSeconds(10), checkout.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(1), checkout.GroupInterval);
        Assert.True(checkout.Continue);
        Assert.Equal(["alertname", "cluster"], checkout.GroupBy.Names.Order());
        Assert.Equal("{}/{service=\"checkout\",severity=~\"crit|warn\"}", checkout.Key);
        var critical = root.Routes[1].Routes[0];
        Assert.Equal("team-db", critical.Receiver);
        Assert.True(critical.GroupBy.All);
        Assert.Equal(TimeSpan.FromHours(1), critical.RepeatInterval);
        Assert.Equal("{}/{env=~\"prod|staging\",team=\"db\"}/{severity=\"critical\"}", critical.Key);

        var webhook = Assert.Single(config.Receivers["team-default"].Webhooks);
        Assert.True(webhook.SendResolved);
        Assert.Equal(10, webhook.MaxAlerts);
        Assert.Equal("Bearer s3cret", webhook.HttpConfig.Authorization);
        var slack = Assert.Single(config.Receivers["team-checkout"].Slack);
        Assert.Equal("https://hooks.slack.test/services/T/B/X", slack.ApiUrl.AbsoluteUri);
        Assert.Equal(new Uri("http://127.0.0.1:9093"), Assert.Single(config.Receivers["team-db"].Alertmanagers).Url);
        var rule = Assert.Single(config.InhibitRules);
        Assert.Equal(["alertname", "cluster"], rule.Equal);
    }

    [Fact]
    public void RoutingTakesTheFirstMatchingChildUnlessItContinues()
    {
        var root = AlertmanagerConfigParser.Parse(Full).Route;

        Route[] Match(params (string, string)[] labels) => [.. root.Match(Labels.Of(labels))];

        Assert.Equal(["team-checkout"], Match(("service", "checkout"), ("severity", "crit")).Select(r => r.Receiver));
        Assert.Equal(["team-checkout", "team-db"], Match(("service", "checkout"), ("severity", "crit"), ("team", "db"), ("env", "prod")).Select(r => r.Receiver));
        Assert.Equal(["team-db"], Match(("team", "db"), ("env", "prod"), ("severity", "critical")).Select(r => r.Receiver));
        Assert.Same(root.Routes[1], Assert.Single(Match(("team", "db"), ("env", "prod"))));
        Assert.Same(root, Assert.Single(Match(("team", "db"), ("env", "production"))));
    }

    [Fact]
    public void JsonIsReadToo()
    {
        var config = AlertmanagerConfigParser.Parse("""
            {"route": {"receiver": "hook", "group_by": ["alertname"]},
             "receivers": [{"name": "hook", "webhook_configs": [{"url": "http://127.0.0.1:1/x", "send_resolved": false}]}]}
            """);

        Assert.False(config.Receivers["hook"].Webhooks[0].SendResolved);
    }

    [Theory]
    [InlineData("route: {receiver: nobody}\nreceivers: [{name: a}]", 1, "route.receiver", "undefined receiver \"nobody\" used in route")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n  - name: a", 4, "receivers[1].name", "notification config name \"a\" is not unique")]
    [InlineData("route: {group_by: [x]}\nreceivers: [{name: a}]", 1, "route.receiver", "root route must specify a default receiver")]
    [InlineData("route: {receiver: a, matchers: [x=y]}\nreceivers: [{name: a}]", 1, "route", "root route must not have any matchers")]
    [InlineData("route:\n  receiver: a\n  group_wait: 30x\nreceivers: [{name: a}]", 3, "route.group_wait", "not a valid duration")]
    [InlineData("route:\n  receiver: a\n  routes:\n    - matchers: ['severity=~\"(\"']\nreceivers: [{name: a}]", 4, "route.routes[0].matchers", "invalid regular expression")]
    [InlineData("route:\n  receiver: a\n  group_by: ['...', job]\nreceivers: [{name: a}]", 3, "route.group_by", "cannot have wildcard group_by")]
    [InlineData("route:\n  receiver: a\n  mute_time_intervals: [nights]\nreceivers: [{name: a}]", 3, "route.mute_time_intervals", "is not supported by OllyStack")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: http://x/y\n        sendresolved: true", 6, "receivers[0].webhook_configs[0].sendresolved", "unknown field")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n    email_configs: [{to: x@y}]", 4, "receivers[0].email_configs", "is not supported by OllyStack")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n    slack_configs: [{channel: x}]", 4, "receivers[0].slack_configs[0].api_url", "no global Slack API URL")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n    webhook_configs: [{url: ftp://x/y}]", 4, "receivers[0].webhook_configs[0].url", "unsupported scheme")]
    [InlineData("route: {receiver: a}\nreceivers:\n  - name: a\n    slack_configs:\n      - api_url: http://x/y\n        title: '{{ if .Status }}'", 6, "receivers[0].slack_configs[0].title", "if has no matching end")]
    [InlineData("route:\n  receiver: a\n bad: 1\nreceivers: []", 3, "", "not valid YAML")]
    public void AnInvalidConfigurationNamesTheLineTheFieldAndTheReason(string yaml, int line, string field, string reason)
    {
        var error = Assert.Throws<AlertmanagerConfigException>(() => AlertmanagerConfigParser.Parse(yaml));

        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"line {line}, column ", error.Message);
    }

    [Fact]
    public void AnEmptyDocumentIsRefused()
    {
        Assert.Contains("empty", Assert.Throws<AlertmanagerConfigException>(() => AlertmanagerConfigParser.Parse("")).Message);
    }
}
