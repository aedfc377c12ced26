using System.Text;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Loki;

namespace OllyStack.Ingest.Tests;

/// <summary>Stream label sets as Loki clients print them: Prometheus label-set syntax with Go string escapes.</summary>
public sealed class LokiLabelParserTests : IDisposable
{
    private readonly LogBatch batch = new();

    public void Dispose() => batch.Dispose();

    private string Parse(string text)
    {
        Assert.True(LokiLabelParser.TryParse(Encoding.UTF8.GetBytes(text), batch, out var problem), problem);
        return OtlpBatchText.Attributes(batch, batch.RangeFrom(0));
    }

    private string Problem(string text)
    {
        Assert.False(LokiLabelParser.TryParse(Encoding.UTF8.GetBytes(text), batch, out var problem));
        return problem!;
    }

    [Theory]
    [InlineData("{job=\"api\", level=\"error\"}", "{job=string:api, level=string:error}")]
    [InlineData("{job=\"api\",level=\"error\"}", "{job=string:api, level=string:error}")]
    [InlineData("  { job = \"api\" ,\n\tlevel=\"error\" , }  ", "{job=string:api, level=string:error}")]
    [InlineData("{_private=\"x\", a1_B2=\"y\"}", "{_private=string:x, a1_B2=string:y}")]
    [InlineData("{}", "{}")]
    public void LabelsAreReadInOrderWithBlanksAndATrailingCommaAllowed(string text, string expected) =>
        Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData(@"quote \"" inside", "quote \" inside")]
    [InlineData(@"C:\\logs\\app.log", @"C:\logs\app.log")]
    [InlineData(@"two\nlines\ttab\rcr", "two\nlines\ttab\rcr")]
    [InlineData(@"\a\b\f\v", "\a\b\f\v")]
    [InlineData(@"\x41\102", "AB")]
    [InlineData(@"caf\u00e9 \U0001F600", "café 😀")]
    [InlineData("café unescaped", "café unescaped")]
    public void EscapesInValuesAreDecoded(string escaped, string value)
    {
        Assert.True(LokiLabelParser.TryParse(Encoding.UTF8.GetBytes($"{{msg=\"{escaped}\"}}"), batch, out var problem), problem);

        Assert.Equal(value, batch.GetString(batch.Attributes[0].Value.Text));
    }

    [Fact]
    public void ALongEscapedValueIsDecodedToo()
    {
        var value = string.Concat(Enumerable.Repeat("a\\\"b", 200));

        Assert.Equal($"{{long=string:{string.Concat(Enumerable.Repeat("a\"b", 200))}}}", Parse($"{{long=\"{value}\"}}"));
    }

    [Fact]
    public void ALabelWithAnEmptyValueIsNoLabel() =>
        Assert.Equal("{job=string:api}", Parse("{env=\"\", job=\"api\"}"));

    [Theory]
    [InlineData("", "a label set starts with '{' at byte 0")]
    [InlineData("job=\"api\"", "a label set starts with '{' at byte 0")]
    [InlineData("{job=\"api\"", "the label set is not closed with '}' at byte 10")]
    [InlineData("{job=\"api\"} x", "unexpected text after '}' at byte 12")]
    [InlineData("{job=\"api\" level=\"x\"}", "expected ',' or '}' after a label at byte 11")]
    [InlineData("{job}", "expected '=' after label name 'job' at byte 4")]
    [InlineData("{1job=\"x\"}", "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) at byte 1")]
    [InlineData("{service.name=\"x\"}", "expected '=' after label name 'service' at byte 8")]
    [InlineData("{,}", "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) at byte 1")]
    [InlineData("{job=api}", "the value of label 'job' must be a double-quoted string at byte 5")]
    [InlineData("{job='api'}", "the value of label 'job' must be a double-quoted string at byte 5")]
    [InlineData("{job=\"api}", "the value of label 'job' is not closed with '\"' at byte 5")]
    [InlineData("{job=\"a\nb\"}", "the value of label 'job' is not closed with '\"' at byte 5")]
    [InlineData(@"{job=""a\qb""}", @"the value of label 'job' has unknown escape \q at byte 5")]
    [InlineData(@"{job=""a\x4""}", @"the value of label 'job' has \x must be followed by two hex digits at byte 5")]
    [InlineData(@"{job=""\400""}", @"the value of label 'job' has \ followed by a digit must be three octal digits up to \377 at byte 5")]
    [InlineData(@"{job=""\ud800""}", @"the value of label 'job' has \uD800 is not a Unicode scalar value at byte 5")]
    [InlineData(@"{job=""\U00110000""}", @"the value of label 'job' has \U110000 is not a Unicode scalar value at byte 5")]
    [InlineData(@"{job=""\u12""}", @"the value of label 'job' has \u must be followed by 4 hex digits at byte 5")]
    public void AnInvalidLabelSetIsRefusedNamingTheProblemAndWhere(string text, string problem) =>
        Assert.Equal(problem, Problem(text));
}
