namespace OllyStack.Query.LogQL.Syntax;

/// <summary>One stage of a log pipeline as written. Stages run left to right on each line and its labels.</summary>
public abstract record StageExpr;

/// <summary><c>|= "a"</c>, <c>!= "a"</c>, <c>|~ "re"</c>, <c>!~ "re"</c>, <c>|&gt; "pattern"</c>, <c>!&gt; "pattern"</c>, with more values joined by <c>or</c>.</summary>
public sealed record LineFilterStage(LineFilterOp Op, IReadOnlyList<string> Values) : StageExpr;

/// <summary><c>| json</c> (every field, nested objects flattened with <c>_</c>) or <c>| json a="x.y", b</c> (chosen paths).</summary>
public sealed record JsonParserStage(IReadOnlyList<LabelExtraction> Extractions) : StageExpr;

/// <summary><c>| logfmt [--strict] [--keep-empty] [a, b="key"]</c>.</summary>
public sealed record LogfmtParserStage(bool Strict, bool KeepEmpty, IReadOnlyList<LabelExtraction> Extractions) : StageExpr;

/// <summary><c>| regexp "(?P&lt;name&gt;re)"</c>: named groups become labels.</summary>
public sealed record RegexpParserStage(string Pattern) : StageExpr;

/// <summary><c>| pattern "&lt;ip&gt; - &lt;_&gt; ..."</c>: named captures become labels.</summary>
public sealed record PatternParserStage(string Pattern) : StageExpr;

/// <summary><c>| unpack</c>: a JSON object's string fields become labels and <c>_entry</c> becomes the line.</summary>
public sealed record UnpackParserStage : StageExpr;

/// <summary><c>| status &gt;= 500 and level="error"</c>.</summary>
public sealed record LabelFilterStage(LabelFilterExpr Filter) : StageExpr;

/// <summary><c>| line_format "{{.a}}"</c>: the line becomes the rendered template.</summary>
public sealed record LineFormatStage(string Template) : StageExpr;

/// <summary><c>| label_format a=b, c="{{.d}}"</c>.</summary>
public sealed record LabelFormatStage(IReadOnlyList<LabelFormatting> Formattings) : StageExpr;

/// <summary><c>| drop a, b="v"</c>: removes the labels (those with a matcher only when it matches).</summary>
public sealed record DropLabelsStage(IReadOnlyList<LabelSelection> Labels) : StageExpr;

/// <summary><c>| keep a, b="v"</c>: removes every other label (and those whose matcher does not match).</summary>
public sealed record KeepLabelsStage(IReadOnlyList<LabelSelection> Labels) : StageExpr;

/// <summary><c>| decolorize</c>: removes ANSI colour sequences from the line.</summary>
public sealed record DecolorizeStage : StageExpr;
