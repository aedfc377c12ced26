using System.Runtime.CompilerServices;
using System.Text;
using StringQuoting = OllyStack.Query.PromQL.StringQuoting;
using NumberFormat = OllyStack.Query.PromQL.NumberFormat;
using DurationFormat = OllyStack.Query.PromQL.DurationFormat;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// Prints a tree as canonical LogQL: <c>{app="api"} |= "x" | json | status&gt;=500</c>,
/// <c>sum by (a) (count_over_time({app="api"} [5m]))</c>. Parentheses are written only where precedence needs them,
/// so printing a parsed query and parsing the text again gives the same tree.
/// </summary>
internal static class LogQLPrinter
{
    public static string Print(LogQLExpr expr)
    {
        var text = new StringBuilder();
        Write(text, expr);
        return text.ToString();
    }

    private static void Write(StringBuilder text, LogQLExpr expr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case LogSelectorExpr selector: WriteSelector(text, selector); break;
            case LiteralExpr literal: text.Append(NumberFormat.Format(literal.Value)); break;
            case VectorExpr vector: text.Append("vector(").Append(NumberFormat.Format(vector.Value)).Append(')'); break;
            case RangeAggregationExpr range: WriteRangeAggregation(text, range); break;
            case VectorAggregationExpr vector: WriteVectorAggregation(text, vector); break;
            case BinaryOpExpr binary: WriteBinary(text, binary); break;
            case LabelReplaceExpr replace: WriteLabelReplace(text, replace); break;
            default: throw new ArgumentException($"unknown node type {expr.GetType().Name}", nameof(expr));
        }
    }

    private static void WriteSelector(StringBuilder text, LogSelectorExpr selector)
    {
        text.Append('{').AppendJoin(", ", selector.Matchers.Select(Matcher)).Append('}');
        foreach (var stage in selector.Stages) WriteStage(text, stage);
    }

    private static string Matcher(LabelMatcher matcher) => matcher.Name + matcher.Operator + StringQuoting.Quote(matcher.Value);

    private static void WriteStage(StringBuilder text, StageExpr stage)
    {
        if (stage is LineFilterStage filter)
        {
            text.Append(' ').Append(filter.Op switch
            {
                LineFilterOp.Contains => "|=",
                LineFilterOp.NotContains => "!=",
                LineFilterOp.Regex => "|~",
                LineFilterOp.NotRegex => "!~",
                LineFilterOp.Pattern => "|>",
                _ => "!>",
            }).Append(' ').AppendJoin(" or ", filter.Values.Select(StringQuoting.Quote));
            return;
        }
        text.Append(" | ");
        switch (stage)
        {
            case JsonParserStage json: text.Append("json"); WriteExtractions(text, json.Extractions); break;
            case LogfmtParserStage logfmt:
                text.Append("logfmt").Append(logfmt.Strict ? " --strict" : "").Append(logfmt.KeepEmpty ? " --keep-empty" : "");
                WriteExtractions(text, logfmt.Extractions);
                break;
            case RegexpParserStage regexp: text.Append("regexp ").Append(StringQuoting.Quote(regexp.Pattern)); break;
            case PatternParserStage pattern: text.Append("pattern ").Append(StringQuoting.Quote(pattern.Pattern)); break;
            case UnpackParserStage: text.Append("unpack"); break;
            case LabelFilterStage labelFilter: WriteLabelFilter(text, labelFilter.Filter, 0); break;
            case LineFormatStage lineFormat: text.Append("line_format ").Append(StringQuoting.Quote(lineFormat.Template)); break;
            case LabelFormatStage labelFormat:
                text.Append("label_format ").AppendJoin(", ", labelFormat.Formattings.Select(f =>
                    f.Name + "=" + (f.SourceLabel ?? StringQuoting.Quote(f.Template!))));
                break;
            case DropLabelsStage drop: text.Append("drop ").AppendJoin(", ", drop.Labels.Select(Selection)); break;
            case KeepLabelsStage keep: text.Append("keep ").AppendJoin(", ", keep.Labels.Select(Selection)); break;
            case DecolorizeStage: text.Append("decolorize"); break;
            default: throw new ArgumentException($"unknown stage type {stage.GetType().Name}", nameof(stage));
        }
    }

    private static void WriteExtractions(StringBuilder text, IReadOnlyList<LabelExtraction> extractions)
    {
        if (extractions.Count == 0) return;
        text.Append(' ').AppendJoin(", ", extractions.Select(e => e.Name == e.Source ? e.Name : e.Name + "=" + StringQuoting.Quote(e.Source)));
    }

    private static string Selection(LabelSelection selection) => selection.Matcher is { } matcher ? Matcher(matcher) : selection.Name;

    /// <summary><c>or</c> is precedence 1, <c>and</c> 2, comparisons 3; a child of lower precedence than its parent is parenthesized.</summary>
    private static void WriteLabelFilter(StringBuilder text, LabelFilterExpr filter, int parentPrecedence)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (filter)
        {
            case OrLabelFilter or: WriteJunction(text, or.Left, " or ", or.Right, 1, parentPrecedence); break;
            case AndLabelFilter and: WriteJunction(text, and.Left, " and ", and.Right, 2, parentPrecedence); break;
            case StringLabelFilter s: text.Append(Matcher(s.Matcher)); break;
            case NumberLabelFilter n: text.Append(n.Name).Append(n.Op.Symbol()).Append(NumberFormat.Format(n.Value)); break;
            case DurationLabelFilter d: text.Append(d.Name).Append(d.Op.Symbol()).Append(d.Text); break;
            case BytesLabelFilter b: text.Append(b.Name).Append(b.Op.Symbol()).Append(b.Text); break;
            default: throw new ArgumentException($"unknown label filter type {filter.GetType().Name}", nameof(filter));
        }
    }

    private static void WriteJunction(StringBuilder text, LabelFilterExpr left, string op, LabelFilterExpr right, int precedence, int parentPrecedence)
    {
        // Junctions associate to the left, so a right operand of the same kind keeps its parentheses.
        var parenthesize = precedence < parentPrecedence;
        if (parenthesize) text.Append('(');
        WriteLabelFilter(text, left, precedence);
        text.Append(op);
        WriteLabelFilter(text, right, precedence + 1);
        if (parenthesize) text.Append(')');
    }

    private static void WriteRangeAggregation(StringBuilder text, RangeAggregationExpr range)
    {
        text.Append(range.Op.Name()).Append('(');
        if (range.Parameter is { } parameter) text.Append(NumberFormat.Format(parameter)).Append(", ");
        WriteSelector(text, range.Range.Selector);
        if (range.Range.Unwrap is { } unwrap)
        {
            text.Append(" | unwrap ");
            text.Append(unwrap.Conversion switch
            {
                UnwrapConversion.Duration => "duration(" + unwrap.Label + ")",
                UnwrapConversion.Bytes => "bytes(" + unwrap.Label + ")",
                _ => unwrap.Label,
            });
            foreach (var filter in unwrap.PostFilters)
            {
                text.Append(" | ");
                WriteLabelFilter(text, filter, 0);
            }
        }
        text.Append(" [").Append(DurationFormat.Format(range.Range.Range)).Append(']');
        if (range.Range.Offset != TimeSpan.Zero) text.Append(" offset ").Append(DurationFormat.Format(range.Range.Offset));
        text.Append(')');
        if (range.Grouping is { } grouping) WriteGrouping(text.Append(' '), grouping);
    }

    private static void WriteVectorAggregation(StringBuilder text, VectorAggregationExpr vector)
    {
        text.Append(vector.Op.Name());
        if (vector.Grouping is { } grouping) WriteGrouping(text.Append(' '), grouping).Append(' ');
        text.Append('(');
        if (vector.Parameter is { } parameter) text.Append(NumberFormat.Format(parameter)).Append(", ");
        Write(text, vector.Inner);
        text.Append(')');
    }

    private static StringBuilder WriteGrouping(StringBuilder text, Grouping grouping) =>
        text.Append(grouping.Without ? "without (" : "by (").AppendJoin(", ", grouping.Labels).Append(')');

    private static void WriteBinary(StringBuilder text, BinaryOpExpr binary)
    {
        var precedence = binary.Op.Precedence();
        var rightAssociative = binary.Op.IsRightAssociative();
        WriteOperand(text, binary.Left, NeedsParentheses(binary.Left, precedence, rightAssociative ? 1 : 0) || IsNegativeBase(binary));
        text.Append(' ').Append(binary.Op.Symbol());
        if (binary.ReturnBool) text.Append(" bool");
        if (binary.Matching is { } matching) text.Append(matching.On ? " on (" : " ignoring (").AppendJoin(", ", matching.Labels).Append(')');
        text.Append(' ');
        WriteOperand(text, binary.Right, NeedsParentheses(binary.Right, precedence, rightAssociative ? 0 : 1));
    }

    /// <summary>An operand needs parentheses when it binds looser than its parent (or equally, on the side that does not associate).</summary>
    private static bool NeedsParentheses(MetricExpr operand, int parentPrecedence, int sameLevelNeedsThem) =>
        operand is BinaryOpExpr child && child.Op.Precedence() < parentPrecedence + sameLevelNeedsThem;

    /// <summary><c>(-1) ^ 2</c>: written bare, the sign would bind looser than the power.</summary>
    private static bool IsNegativeBase(BinaryOpExpr binary) =>
        binary.Op == BinaryOperator.Power && binary.Left is LiteralExpr { Value: < 0 };

    private static void WriteOperand(StringBuilder text, MetricExpr operand, bool parenthesize)
    {
        if (parenthesize) text.Append('(');
        Write(text, operand);
        if (parenthesize) text.Append(')');
    }

    private static void WriteLabelReplace(StringBuilder text, LabelReplaceExpr replace)
    {
        text.Append("label_replace(");
        Write(text, replace.Inner);
        foreach (var argument in new[] { replace.Destination, replace.Replacement, replace.Source, replace.Regex })
            text.Append(", ").Append(StringQuoting.Quote(argument));
        text.Append(')');
    }
}
