namespace OllyStack.Query.Tests.PromQL;

/// <summary>
/// One line of a parse-case file: <c>input =&gt; canonical text</c>, <c>input ~&gt; tree shape</c>,
/// <c>input :: type</c> or <c>input !! error message fragment</c>. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public sealed record ParseCase(string File, int Line, string Input, string Kind, string Expected)
{
    private static readonly string[] Separators = [" => ", " ~> ", " :: ", " !! "];

    /// <summary>The cases of <paramref name="file"/> in the output folder <paramref name="directory"/> (PromQL's by default).</summary>
    public static IEnumerable<ParseCase> Read(string file, string directory = "PromQL")
    {
        var path = Path.Combine(AppContext.BaseDirectory, directory, file);
        var lines = System.IO.File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return Parse(file, i + 1, line);
        }
    }

    private static ParseCase Parse(string file, int lineNumber, string line)
    {
        var (at, separator) = Separators
            .Select(s => (At: line.IndexOf(s, StringComparison.Ordinal), Separator: s))
            .Where(x => x.At >= 0)
            .OrderBy(x => x.At)
            .FirstOrDefault();
        if (separator is null) throw new FormatException($"{file}:{lineNumber}: no =>, ~>, :: or !! in \"{line}\"");
        return new ParseCase(file, lineNumber, line[..at].Trim(), separator.Trim(), line[(at + separator.Length)..].Trim());
    }

    public override string ToString() => $"{File}:{Line}: {Input} {Kind} {Expected}";
}
