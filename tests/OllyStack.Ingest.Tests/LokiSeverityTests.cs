using System.Text;
using OllyStack.Ingest.Loki;

namespace OllyStack.Ingest.Tests;

/// <summary>Level words map to OpenTelemetry severity numbers (trace 1, debug 5, info 9, warn 13, error 17, fatal 21).</summary>
public sealed class LokiSeverityTests
{
    [Theory]
    [InlineData("trace", 1)]
    [InlineData("TRACE", 1)]
    [InlineData("debug", 5)]
    [InlineData("dbg", 5)]
    [InlineData("info", 9)]
    [InlineData("Information", 9)]
    [InlineData("inf", 9)]
    [InlineData("warn", 13)]
    [InlineData("Warning", 13)]
    [InlineData("wrn", 13)]
    [InlineData("error", 17)]
    [InlineData("ERR", 17)]
    [InlineData("fatal", 21)]
    [InlineData("critical", 21)]
    [InlineData("crit", 21)]
    [InlineData("panic", 21)]
    [InlineData("notice", 0)]
    [InlineData("", 0)]
    [InlineData("informational", 0)]
    [InlineData("érror", 0)]
    public void LevelWordsMapToOpenTelemetrySeverityNumbers(string level, byte number) =>
        Assert.Equal(number, LokiSeverity.Number(Encoding.UTF8.GetBytes(level)));

    [Theory]
    [InlineData("{lvl=\"debug\", severity=\"warn\", level=\"error\"}", 17, "error")]
    [InlineData("{lvl=\"debug\", severity=\"warn\"}", 13, "warn")]
    [InlineData("{lvl=\"debug\"}", 5, "debug")]
    [InlineData("{loglevel=\"debug\"}", 0, "")]
    [InlineData("{level=\"verbose\"}", 0, "verbose")]
    public void TheLevelLabelWinsOverSeverityWhichWinsOverLvl(string labels, byte number, string text)
    {
        using var batch = new Core.Logs.LogBatch();
        Assert.True(LokiLabelParser.TryParse(Encoding.UTF8.GetBytes(labels), batch, out _));

        Assert.Equal(number, LokiSeverity.Of(batch, batch.RangeFrom(0), out var severityText));
        Assert.Equal(text, batch.GetString(severityText));
    }
}
