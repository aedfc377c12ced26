using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// The substrings every line a pipeline keeps must contain, for the store to skip blocks that lack them: the values
/// of single-valued <c>|=</c> filters that come before any parser or formatter (those may change the line or make
/// later filters read something else). Other line filters, label filters and <c>drop</c>/<c>keep</c> leave the line
/// as it is, so the search continues past them.
/// </summary>
internal static class RequiredSubstrings
{
    public static IReadOnlyList<string> Of(LogSelectorExpr selector)
    {
        var required = new List<string>();
        foreach (var stage in selector.Stages)
        {
            switch (stage)
            {
                case LineFilterStage { Op: LineFilterOp.Contains, Values: [{ Length: > 0 } value] }:
                    if (!required.Contains(value)) required.Add(value);
                    break;
                case LineFilterStage or LabelFilterStage or DropLabelsStage or KeepLabelsStage:
                    break;
                default:
                    return required;
            }
        }
        return required;
    }
}
