using System.Text;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary><c>| decolorize</c>: removes ANSI escape sequences (<c>ESC [ parameters final-letter</c>) from the line; a line without ESC is left as it is.</summary>
internal sealed class Decolorizer : Stage
{
    private const char Escape = '\u001b';
    private readonly StringBuilder output = new();

    public override bool Process(LineContext context)
    {
        var line = context.Line;
        if (!line.Contains(Escape)) return true;
        output.Clear();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != Escape || i + 1 >= line.Length || line[i + 1] != '[')
            {
                output.Append(line[i]);
                continue;
            }
            var end = i + 2;
            while (end < line.Length && (char.IsAsciiDigit(line[end]) || line[end] is ';' or '?')) end++;
            if (end < line.Length && char.IsAsciiLetter(line[end])) i = end;
            else output.Append(line[i]);
        }
        context.Line = output.ToString();
        return true;
    }
}
