using System.Text;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| logfmt</c>: <c>key=value</c> pairs separated by spaces, values bare or double-quoted with Go escapes; a key
/// without <c>=</c> has an empty value. With parameters only the named keys are read, under their label names.
/// Malformed pairs are skipped, or with <c>--strict</c> stop parsing and mark the line <c>LogfmtParserErr</c>. Keys
/// that cannot be label names have their other characters made <c>_</c>.
/// </summary>
internal sealed class LogfmtParser : Stage
{
    private readonly bool strict;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? labelByKey;
    private readonly StringPool pool = new();
    private readonly StringBuilder unquoted = new();

    public LogfmtParser(LogfmtParserStage stage)
    {
        strict = stage.Strict;
        if (stage.Extractions.Count > 0)
            labelByKey = stage.Extractions.ToDictionary(e => e.Source, e => e.Name, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool Process(LineContext context)
    {
        var line = context.Line.AsSpan();
        var position = 0;
        while (true)
        {
            while (position < line.Length && line[position] <= ' ') position++;
            if (position >= line.Length) return true;
            if (!TryReadPair(line, ref position, out var key, out var value, out var error))
            {
                if (strict)
                {
                    context.Labels.SetError(PipelineErrors.LogfmtParser, $"logfmt syntax error at pos {position + 1}: {error}");
                    return true;
                }
                while (position < line.Length && line[position] > ' ') position++;
                continue;
            }
            Set(context.Labels, key, value);
        }
    }

    private void Set(LabelsBuilder labels, ReadOnlySpan<char> key, string value)
    {
        if (labelByKey is not { } lookup)
        {
            labels.SetParsed(LabelNames.IsValid(key) ? pool.Get(key) : LabelNames.Sanitize(key), value);
            return;
        }
        if (lookup.TryGetValue(key, out var name)) labels.SetParsed(name, value);
    }

    /// <summary>One <c>key</c>, <c>key=</c>, <c>key=bare</c> or <c>key="quoted"</c> at <paramref name="position"/>.</summary>
    private bool TryReadPair(ReadOnlySpan<char> line, ref int position, out ReadOnlySpan<char> key, out string value, out string error)
    {
        value = "";
        error = "";
        var start = position;
        while (position < line.Length && line[position] > ' ' && line[position] is not '=' and not '"') position++;
        key = line[start..position];
        if (key.IsEmpty)
        {
            error = position < line.Length && line[position] == '=' ? "unexpected '='" : "unexpected '\"'";
            return false;
        }
        if (position >= line.Length || line[position] <= ' ') return true;
        if (line[position] == '"')
        {
            error = "unexpected '\"' in key";
            return false;
        }
        position++;
        if (position < line.Length && line[position] == '"') return TryReadQuoted(line, ref position, out value, out error);
        var valueStart = position;
        while (position < line.Length && line[position] > ' ')
        {
            if (line[position] is '=' or '"')
            {
                error = $"unexpected '{line[position]}' in value";
                return false;
            }
            position++;
        }
        value = pool.Get(line[valueStart..position]);
        return true;
    }

    private bool TryReadQuoted(ReadOnlySpan<char> line, ref int position, out string value, out string error)
    {
        value = "";
        error = "";
        unquoted.Clear();
        position++;
        while (position < line.Length && line[position] != '"')
        {
            if (line[position] != '\\')
            {
                unquoted.Append(line[position++]);
                continue;
            }
            if (++position >= line.Length) break;
            unquoted.Append(line[position++] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                var escaped => escaped,
            });
        }
        if (position >= line.Length)
        {
            error = "unterminated quoted value";
            return false;
        }
        position++;
        value = unquoted.ToString();
        return true;
    }
}
