using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

/// <summary>
/// Bad input may only ever produce a <see cref="PromQLParseException"/> with a position inside the query, and
/// whatever parses must print to text that parses back to an equal tree. Seeds are fixed so failures repeat.
/// </summary>
public sealed class ParseFuzzTests
{
    private const string Alphabet = "abcfmosxyz_:0123456789.eExX+-*/%^=!~<>(){}[],@\"'`\\# \n\tInfNaby";

    private static readonly string[] Tokens =
    [
        "sum", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "@", "start()", "end()",
        "rate(", "topk(", "count_values(", "label_join(", "and", "or", "unless", "atan2", "[5m]", "[5m:1m]", "[5m:]",
        "{a=\"b\"}", "{__name__=~\".*\"}", "5m", "1h30m", "0x1F", "1e3", "Inf", "NaN", "\"s\"", "'s'", "`s`", "(", ")",
        "-", "^", "==", "!=", "=~", "!~", ",", " ",
    ];

    private static readonly string[] ValidQueries = ParseCase.Read("parse-cases.txt")
        .Where(c => c.Kind != "!!")
        .Select(c => c.Input)
        .Distinct()
        .ToArray();

    [Fact]
    public void EveryTruncationOfAValidQueryParsesOrFailsCleanly()
    {
        foreach (var query in ValidQueries)
            for (var length = 0; length <= query.Length; length++)
                AssertParsesOrFailsCleanly(query[..length]);
    }

    [Fact]
    public void RandomEditsOfValidQueriesParseOrFailCleanly()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 30_000; i++)
        {
            var query = ValidQueries[random.Next(ValidQueries.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--) query = Edit(query, random);
            AssertParsesOrFailsCleanly(query);
        }
    }

    [Fact]
    public void RandomTextParsesOrFailsCleanly()
    {
        var random = new Random(7);
        for (var i = 0; i < 30_000; i++)
        {
            var length = random.Next(0, 40);
            var text = new char[length];
            for (var j = 0; j < length; j++) text[j] = Alphabet[random.Next(Alphabet.Length)];
            AssertParsesOrFailsCleanly(new string(text));
        }
    }

    [Fact]
    public void RandomTokenSequencesParseOrFailCleanly()
    {
        var random = new Random(11);
        for (var i = 0; i < 30_000; i++)
        {
            var count = random.Next(1, 12);
            var parts = new string[count];
            for (var j = 0; j < count; j++) parts[j] = random.Next(3) == 0 ? "foo" : Tokens[random.Next(Tokens.Length)];
            AssertParsesOrFailsCleanly(string.Join(random.Next(2) == 0 ? " " : "", parts));
        }
    }

    private static string Edit(string query, Random random)
    {
        var at = random.Next(query.Length + 1);
        return random.Next(4) switch
        {
            0 when query.Length > 0 => query.Remove(Math.Min(at, query.Length - 1), 1),
            1 => query.Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString()),
            2 => query.Insert(at, Tokens[random.Next(Tokens.Length)]),
            _ => query[..at] + query[random.Next(at + 1)..],
        };
    }

    private static void AssertParsesOrFailsCleanly(string query)
    {
        Expr expr;
        try
        {
            expr = PromQLParser.Parse(query);
        }
        catch (PromQLParseException error)
        {
            Assert.True(error.Position >= 0 && error.Length >= 0 && error.Position + error.Length <= query.Length,
                $"error span {error.Position}+{error.Length} outside the query {query}");
            return;
        }
        catch (Exception other)
        {
            Assert.Fail($"{other.GetType().Name} for {Show(query)}: {other}");
            return;
        }

        var printed = expr.ToString();
        var reparsed = Record.Exception(() => Assert.Equal(expr, PromQLParser.Parse(printed)));
        Assert.True(reparsed is null, $"{Show(query)} printed as {Show(printed)}, which does not parse back equal: {reparsed?.Message}");
    }

    private static string Show(string query) => StringQuoting.Quote(query);
}
