using OllyStack.Query.LogQL.Syntax;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// A compiled label filter. String comparisons use Prometheus matcher semantics (a missing label is empty). Numeric,
/// duration and size comparisons, as in Loki, drop a line without the label, let through a line already marked with an
/// error (only string filters such as <c>__error__=""</c> may remove it), and mark a value that does not convert with
/// <c>LabelFilterErr</c> while keeping the line.
/// </summary>
internal abstract class LabelPredicate
{
    public abstract bool Test(LabelsBuilder labels);

    public static LabelPredicate Compile(LabelFilterExpr filter) => filter switch
    {
        AndLabelFilter and => new Both(Compile(and.Left), Compile(and.Right)),
        OrLabelFilter or => new Either(Compile(or.Left), Compile(or.Right)),
        StringLabelFilter s => new Matches(s.Matcher),
        NumberLabelFilter n => new Compares(n.Name, n.Op, n.Value, Kind.Number),
        DurationLabelFilter d => new Compares(d.Name, d.Op, d.Seconds, Kind.Duration),
        BytesLabelFilter b => new Compares(b.Name, b.Op, b.Bytes, Kind.Bytes),
        _ => throw new ArgumentException($"unknown label filter {filter.GetType().Name}", nameof(filter)),
    };

    private enum Kind
    {
        Number,
        Duration,
        Bytes,
    }

    private sealed class Both(LabelPredicate left, LabelPredicate right) : LabelPredicate
    {
        public override bool Test(LabelsBuilder labels) => left.Test(labels) && right.Test(labels);
    }

    private sealed class Either(LabelPredicate left, LabelPredicate right) : LabelPredicate
    {
        public override bool Test(LabelsBuilder labels) => left.Test(labels) || right.Test(labels);
    }

    private sealed class Matches(LabelMatcher matcher) : LabelPredicate
    {
        public override bool Test(LabelsBuilder labels) => matcher.Matches(labels.Get(matcher.Name) ?? "");
    }

    private sealed class Compares(string name, ComparisonOp op, double literal, Kind kind) : LabelPredicate
    {
        public override bool Test(LabelsBuilder labels)
        {
            if (labels.HasError) return true;
            if (labels.Get(name) is not { } text) return false;
            if (TryConvert(text, out var value)) return op.Compare(value, literal);
            labels.SetError(PipelineErrors.LabelFilter, $"{name}: cannot read \"{text}\" as a {kind.ToString().ToLowerInvariant()}");
            return true;
        }

        private bool TryConvert(string text, out double value) => kind switch
        {
            Kind.Duration => GoDuration.TryParse(text, out value),
            Kind.Bytes => ByteSize.TryParse(text, out value),
            _ => GoFloat.TryParse(text, out value),
        };
    }
}
