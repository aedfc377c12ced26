namespace OllyStack.Query.LogQL.Pipeline;

/// <summary><c>| status &gt;= 500 and level="error"</c>: keeps the lines whose labels pass.</summary>
internal sealed class LabelFilter(LabelPredicate predicate) : Stage
{
    public override bool Process(LineContext context) => predicate.Test(context.Labels);
}
