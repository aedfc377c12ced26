using System.Text.RegularExpressions;
using OllyStack.Query.PromQL;

namespace OllyStack.Query.Tests.PromQL;

public sealed class FunctionCatalogTests
{
    private static readonly string[] Reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PromQL", "function-signatures.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToArray();

    [Fact]
    public void CatalogHasExactlyTheSignaturesOfTheReference()
    {
        var catalog = PromQLFunctions.All.Select(Signature).Order(StringComparer.Ordinal);

        Assert.Equal(Reference.Order(StringComparer.Ordinal), catalog);
    }

    /// <summary>Keeps parse-cases.txt honest: no function goes without at least one case.</summary>
    [Fact]
    public void EveryFunctionIsCalledInTheParseCases()
    {
        var called = ParseCase.Read("parse-cases.txt")
            .SelectMany(c => Regex.Matches(c.Input, @"\b([a-z_0-9]+)\s*\(").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.DoesNotContain(PromQLFunctions.All, function => !called.Contains(function.Name));
    }

    [Fact]
    public void FunctionNamesAreCaseSensitive()
    {
        Assert.True(PromQLFunctions.TryGet("rate", out _));
        Assert.False(PromQLFunctions.TryGet("RATE", out _));
    }

    private static string Signature(PromQLFunction function)
    {
        var parameters = function.Parameters.Select((type, i) =>
        {
            var text = type.Describe();
            if (function.Variadic && i == function.Parameters.Count - 1) return text + "...";
            return i >= function.RequiredCount ? $"[{text}]" : text;
        });
        return $"{function.Name}({string.Join(", ", parameters)}) {function.ReturnType.Describe()}";
    }
}
