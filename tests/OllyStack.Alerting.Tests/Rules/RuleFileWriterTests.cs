using OllyStack.Alerting.Rules;

namespace OllyStack.Alerting.Tests.Rules;

/// <summary>What the rules API writes reads back as the same group, whatever its text holds.</summary>
public sealed class RuleFileWriterTests
{
    [Fact]
    public void AGroupReadsBackAsWritten()
    {
        var group = RuleFileParser.ParseGroup("""
            name: 'tricky: names # and all'
            interval: 1m30s
            limit: 5
            query_offset: 10s
            labels: {team: "null"}
            rules:
              - alert: Multi
                expr: |
                  sum by (job) (
                    rate(errors_total[5m])
                  ) > 0
                for: 90s
                keep_firing_for: 2h
                labels:
                  severity: "~"
                  quoted: "say \"hi\": ok"
                annotations:
                  description: |-
                    {{ $labels.job }} fails:
                      {{ $value | humanizePercentage }}
                  empty_looking: ''
                  leading: '  spaces and trailing  '
              - record: job:errors:rate5m
                expr: sum by (job) (rate(errors_total[5m]))
              - alert: Logs
                query_language: logql
                expr: sum(rate({app="shop"}[5m])) > 1
            """, "body", "acme", "tricky: names # and all").Groups.Single();

        var reread = RuleFileParser.ParseFile(RuleFileWriter.Write(group), "body", "acme");

        Assert.Empty(reread.Errors);
        Assert.True(reread.Groups.Single().HasSameDefinition(group));
        Assert.Equal(QueryLanguage.LogQL, reread.Groups.Single().Rules[2].Query.Language);
        Assert.Equal("~", reread.Groups.Single().Rules[0].Labels.Get("severity"));
    }
}
