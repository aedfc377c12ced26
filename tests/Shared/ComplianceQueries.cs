using YamlDotNet.Serialization;

namespace OllyStack.Testing;

/// <summary>
/// The queries of the PromQL compliance suite (promql-test-queries.yml) after the tester's variant expansion: each
/// <c>{{.name}}</c> placeholder listed in a case's <c>variant_args</c> takes every value of its list, and a case
/// with several variant args expands to the cross product.
/// </summary>
internal static class ComplianceQueries
{
    public sealed record Query(string Text, bool ShouldFail);

    private sealed class File
    {
        [YamlMember(Alias = "test_cases")]
        public List<Case> TestCases { get; set; } = [];
    }

    private sealed class Case
    {
        [YamlMember(Alias = "query")]
        public string Query { get; set; } = "";

        [YamlMember(Alias = "variant_args")]
        public List<string> VariantArgs { get; set; } = [];

        [YamlMember(Alias = "should_fail")]
        public bool ShouldFail { get; set; }
    }

    public static List<Query> Expand(string queriesFile)
    {
        var deserializer = new DeserializerBuilder().Build();
        var file = deserializer.Deserialize<File>(System.IO.File.ReadAllText(queriesFile));
        var variants = deserializer.Deserialize<Dictionary<string, List<string>>>(
            System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shared", "compliance-variants.yml")));
        return file.TestCases
            .SelectMany(c => Substitute(c.Query, c.VariantArgs, variants).Select(text => new Query(text, c.ShouldFail)))
            .ToList();
    }

    private static IEnumerable<string> Substitute(string template, IReadOnlyList<string> args, Dictionary<string, List<string>> variants)
    {
        IEnumerable<string> texts = [template];
        foreach (var arg in args)
        {
            var values = variants.TryGetValue(arg, out var list) ? list : throw new InvalidDataException($"no values for variant '{arg}'");
            texts = texts.SelectMany(text => values.Select(value => text.Replace("{{." + arg + "}}", value, StringComparison.Ordinal)));
        }
        return texts;
    }
}
