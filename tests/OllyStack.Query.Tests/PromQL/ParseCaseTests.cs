using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

public sealed class ParseCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var @case in ParseCase.Read("parse-cases.txt")) data.Add(@case.ToString());
        return data;
    }

    private static readonly Dictionary<string, ParseCase> ByName =
        ParseCase.Read("parse-cases.txt").ToDictionary(c => c.ToString());

    /// <summary>Each line of parse-cases.txt: the canonical text, tree shape, type or error a query parses to.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void QueryParsesAsTheCaseFileSays(string name)
    {
        var @case = ByName[name];
        switch (@case.Kind)
        {
            case "=>":
                var expr = PromQLParser.Parse(@case.Input);
                Assert.Equal(@case.Expected, expr.ToString());
                Assert.Equal(expr, PromQLParser.Parse(expr.ToString()));
                break;
            case "~>":
                Assert.Equal(@case.Expected, TreeShape.Of(PromQLParser.Parse(@case.Input)));
                break;
            case "::":
                Assert.Equal(@case.Expected, PromQLParser.Parse(@case.Input).Type.Describe());
                break;
            default:
                var error = Assert.Throws<PromQLParseException>(() => PromQLParser.Parse(@case.Input));
                Assert.Contains(@case.Expected, error.Message);
                break;
        }
    }
}
