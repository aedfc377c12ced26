using System.Globalization;
using System.Text;
using OllyStack.Query.PromQL;

namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>
/// Parses the Go template subset Loki's formatters use: text and <c>{{ ... }}</c> actions (<c>{{-</c> and <c>-}}</c>
/// trim the space beside them, <c>{{/* */}}</c> is a comment), pipelines of commands joined by <c>|</c>, operands
/// <c>.label</c>, strings, numbers, <c>true</c>/<c>false</c>, function calls and parentheses, and
/// <c>if</c>/<c>else if</c>/<c>else</c>/<c>end</c>. Variables, <c>range</c> and <c>with</c> are not supported.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string text;
    private readonly List<TemplateNode> root = [];
    private readonly Stack<(IfNode Node, bool InElse, bool ClosedByOuterEnd)> open = new();
    private int position;

    private TemplateParser(string text) => this.text = text;

    /// <exception cref="FormatException">The template is malformed or calls an unknown function.</exception>
    public static List<TemplateNode> Parse(string text)
    {
        var parser = new TemplateParser(text);
        parser.Run();
        return parser.root;
    }

    private void Run()
    {
        var trimNext = false;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            var literal = text[position..(open < 0 ? text.Length : open)];
            if (trimNext) literal = literal.TrimStart();
            var trimBefore = open >= 0 && text.AsSpan(open + 2).StartsWith("- ", StringComparison.Ordinal);
            if (trimBefore) literal = literal.TrimEnd();
            if (literal.Length > 0) Target.Add(new TextNode(literal));
            if (open < 0) break;
            position = open + (trimBefore ? 3 : 2);
            trimNext = ParseAction();
        }
        if (this.open.Count > 0) throw new FormatException("unexpected end of template: missing {{end}}");
    }

    private List<TemplateNode> Target => open.Count == 0 ? root : open.Peek().InElse ? open.Peek().Node.Else : open.Peek().Node.Then;

    /// <summary>Parses one action after its <c>{{</c>; true when it ends with <c>-}}</c>.</summary>
    private bool ParseAction()
    {
        SkipSpace();
        if (text.AsSpan(position).StartsWith("/*", StringComparison.Ordinal)) return SkipComment();
        var keyword = PeekWord();
        switch (keyword)
        {
            case "if":
                position += 2;
                var node = new IfNode(ParsePipeline(), [], []);
                Target.Add(node);
                open.Push((node, false, false));
                break;
            case "else":
                position += 4;
                if (open.Count == 0 || open.Peek().InElse) throw new FormatException("unexpected {{else}}");
                var current = open.Pop();
                open.Push((current.Node, true, current.ClosedByOuterEnd));
                SkipSpace();
                if (PeekWord() == "if")
                {
                    position += 2;
                    var nested = new IfNode(ParsePipeline(), [], []);
                    Target.Add(nested);
                    open.Push((nested, false, true));
                }
                break;
            case "end":
                position += 3;
                if (open.Count == 0) throw new FormatException("unexpected {{end}}");
                while (open.Pop().ClosedByOuterEnd) { }
                break;
            case "range" or "with" or "define" or "template" or "block":
                throw new FormatException($"{{{{{keyword}}}}} is not supported");
            default:
                Target.Add(new ActionNode(ParsePipeline()));
                break;
        }
        return ExpectClose();
    }

    private bool SkipComment()
    {
        var end = text.IndexOf("*/", position, StringComparison.Ordinal);
        if (end < 0) throw new FormatException("unclosed comment");
        position = end + 2;
        return ExpectClose();
    }

    private bool ExpectClose()
    {
        SkipSpace();
        if (text.AsSpan(position).StartsWith("}}", StringComparison.Ordinal))
        {
            position += 2;
            return false;
        }
        if (text.AsSpan(position).StartsWith("-}}", StringComparison.Ordinal))
        {
            position += 3;
            return true;
        }
        throw new FormatException(position >= text.Length ? "unclosed action" : $"unexpected {Describe()} in action");
    }

    private TemplatePipeline ParsePipeline()
    {
        var commands = new List<TemplateCommand>();
        do
        {
            commands.Add(ParseCommand());
            SkipSpace();
        }
        while (Accept('|'));
        return new TemplatePipeline(commands);
    }

    private TemplateCommand ParseCommand()
    {
        var operands = new List<TemplateOperand>();
        while (true)
        {
            SkipSpace();
            if (position >= text.Length || text[position] is '|' or ')' || AtClose()) break;
            operands.Add(ParseOperand());
        }
        if (operands.Count == 0) throw new FormatException(position >= text.Length ? "unclosed action" : $"missing value for command before {Describe()}");
        return new TemplateCommand(operands);
    }

    private TemplateOperand ParseOperand()
    {
        var c = text[position];
        if (c == '(')
        {
            position++;
            var inner = ParsePipeline();
            if (!Accept(')')) throw new FormatException($"unexpected {Describe()} in parenthesized pipeline, expected ')'");
            return new PipelineOperand(inner);
        }
        if (c == '.') return ParseField();
        if (c is '"' or '`')
        {
            try
            {
                return new LiteralOperand(QuotedStringLiteral.Read(text, position, out position));
            }
            catch (StringLiteralException e)
            {
                throw new FormatException(e.Reason);
            }
        }
        if (char.IsAsciiDigit(c) || (c is '-' or '+' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))) return ParseNumber();
        if (char.IsAsciiLetter(c) || c == '_') return ParseIdentifier();
        throw new FormatException($"unexpected {Describe()} in command");
    }

    private FieldOperand ParseField()
    {
        position++;
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_')) position++;
        if (position == start) throw new FormatException("the whole data object '.' cannot be printed; name a label, as in .level");
        return new FieldOperand(text[start..position]);
    }

    private LiteralOperand ParseNumber()
    {
        var start = position++;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '.' or '_')) position++;
        var number = text[start..position];
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return new LiteralOperand(integer);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return new LiteralOperand(real);
        throw new FormatException($"bad number syntax: {number}");
    }

    private TemplateOperand ParseIdentifier()
    {
        var word = PeekWord();
        position += word.Length;
        if (word is "true" or "false") return new LiteralOperand(word == "true");
        if (!TemplateFunctions.TryGet(word, out var function)) throw new FormatException($"function \"{word}\" not defined");
        return new FunctionOperand(word, function);
    }

    private string PeekWord()
    {
        var end = position;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        return text[position..end];
    }

    private bool AtClose() =>
        text.AsSpan(position).StartsWith("}}", StringComparison.Ordinal) || text.AsSpan(position).StartsWith("-}}", StringComparison.Ordinal);

    private bool Accept(char c)
    {
        if (position >= text.Length || text[position] != c) return false;
        position++;
        return true;
    }

    private void SkipSpace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r') position++;
    }

    private string Describe() => position >= text.Length ? "end of template" : StringQuoting.DescribeChar(text[position]);
}
