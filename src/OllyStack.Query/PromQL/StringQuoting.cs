using System.Globalization;
using System.Text;

namespace OllyStack.Query.PromQL;

/// <summary>Writes a string as a double-quoted PromQL (and LogQL) string literal that lexes back to the same string.</summary>
internal static class StringQuoting
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                case < ' ' or '\x7f': builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                case >= '\x80' and <= '\x9f': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>How lexer errors name a character: printable ones quoted, others as a code point.</summary>
    public static string DescribeChar(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
