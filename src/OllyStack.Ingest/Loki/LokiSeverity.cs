using System.Buffers;
using System.Text;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// The severity of a Loki stream, from its <c>level</c> label (else <c>severity</c>, else <c>lvl</c>): the text as
/// given, and the OpenTelemetry severity number of the usual level words in any case (trace 1, debug 5, info 9,
/// warn 13, error 17, fatal 21). Any other word keeps its text with number 0, unspecified.
/// </summary>
internal static class LokiSeverity
{
    /// <summary>The longest level word known ("information").</summary>
    private const int MaxWordLength = 11;

    /// <summary>The severity number for the labels in <paramref name="labels"/>; <paramref name="text"/> is the level label's value, or empty.</summary>
    public static byte Of(OtlpBatch batch, AttributeRange labels, out Utf8Ref text)
    {
        text = Utf8Ref.Empty;
        var rank = int.MaxValue;
        foreach (var label in batch.AttributesOf(labels))
        {
            var candidate = Rank(batch.Strings[label.Key]);
            if (candidate >= rank) continue;
            rank = candidate;
            text = label.Value.Text;
        }
        return Number(batch.Strings[text]);
    }

    /// <summary>Which label names give the level, best first; int.MaxValue for any other label.</summary>
    private static int Rank(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("level"u8) ? 0 : name.SequenceEqual("severity"u8) ? 1 : name.SequenceEqual("lvl"u8) ? 2 : int.MaxValue;

    /// <summary>The OpenTelemetry severity number of a level word, ignoring case; 0 (unspecified) for words it does not know.</summary>
    public static byte Number(ReadOnlySpan<byte> level)
    {
        Span<byte> lower = stackalloc byte[MaxWordLength];
        if (level.Length > MaxWordLength || Ascii.ToLower(level, lower, out var written) != OperationStatus.Done) return 0;
        var word = lower[..written];
        if (word.SequenceEqual("trace"u8)) return 1;
        if (word.SequenceEqual("debug"u8) || word.SequenceEqual("dbg"u8)) return 5;
        if (word.SequenceEqual("info"u8) || word.SequenceEqual("inf"u8) || word.SequenceEqual("information"u8)) return 9;
        if (word.SequenceEqual("warn"u8) || word.SequenceEqual("warning"u8) || word.SequenceEqual("wrn"u8)) return 13;
        if (word.SequenceEqual("error"u8) || word.SequenceEqual("err"u8)) return 17;
        if (word.SequenceEqual("fatal"u8) || word.SequenceEqual("critical"u8) || word.SequenceEqual("crit"u8) || word.SequenceEqual("panic"u8)) return 21;
        return 0;
    }
}
