using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.Tests.LogQL;

public sealed class LogPipelineAllocationTests
{
    [Theory]
    [InlineData("{app=\"api\"} |= \"level\" != \"debug\" | level=\"\"")]
    [InlineData("{app=\"api\"} | logfmt | level=\"info\" | status >= 200")]
    [InlineData("{app=\"api\"} | json | level=\"info\" | drop status")]
    public void RepeatedLinesRunThroughThePipelineWithoutAllocating(string query)
    {
        var selector = (LogSelectorExpr)LogQLParser.Parse(query);
        var pipeline = LogPipeline.Compile(selector.Stages);
        var stream = new LogStreamLabels([KeyValuePair.Create("app", "api")]);
        var line = query.Contains("json") ? "{\"level\":\"info\",\"status\":200,\"msg\":\"ok\"}" : "level=info status=200 msg=ok";
        var entry = new LogEntry(stream, 1, line, []);
        for (var i = 0; i < 100; i++) Run(pipeline, entry);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Run(pipeline, entry);
        var perLine = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;

        Assert.True(perLine < 1, $"{perLine} bytes allocated per line");
    }

    private static void Run(LogPipeline pipeline, in LogEntry entry)
    {
        if (pipeline.Process(entry)) _ = pipeline.Context.Labels.ToLabels();
    }
}
