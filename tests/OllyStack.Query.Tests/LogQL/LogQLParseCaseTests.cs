using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.Tests.PromQL;

namespace OllyStack.Query.Tests.LogQL;

public sealed class LogQLParseCaseTests
{
    private const string File = "parse-cases.txt";
    private static readonly Dictionary<string, ParseCase> ByName = ParseCase.Read(File, "LogQL").ToDictionary(c => c.ToString());

    public static TheoryData<string> Cases() => [.. ByName.Keys];

    /// <summary>
    /// Each line of LogQL/parse-cases.txt: <c>query =&gt; canonical text</c> (which must parse back to itself) or
    /// <c>query !! error fragment</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void LogQLQueryParsesAsTheCaseFileSays(string name)
    {
        var @case = ByName[name];
        if (@case.Kind == "=>")
        {
            var printed = LogQLParser.Parse(@case.Input).ToString();
            Assert.Equal(@case.Expected, printed);
            Assert.Equal(printed, LogQLParser.Parse(printed).ToString());
            return;
        }
        var error = Assert.Throws<LogQLParseException>(() => LogQLParser.Parse(@case.Input));
        Assert.Contains(@case.Expected, error.Message);
    }
}
