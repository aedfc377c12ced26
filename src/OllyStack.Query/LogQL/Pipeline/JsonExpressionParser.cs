using System.Text.Json;
using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| json a="x.y", b="z[0]"</c>: each label gets the value at its path, strings unquoted and anything else as its
/// JSON text; a path the line does not have gives an empty value. A line that is not JSON is marked <c>JSONParserErr</c>.
/// </summary>
internal sealed class JsonExpressionParser(IReadOnlyList<LabelExtraction> extractions) : Stage
{
    private readonly (string Name, JsonPath Path)[] paths = [.. extractions.Select(e => (e.Name, JsonPath.Parse(e.Source)))];

    public override bool Process(LineContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Line);
            foreach (var (name, path) in paths)
            {
                var value = !path.TryFind(document.RootElement, out var found) ? ""
                    : found.ValueKind == JsonValueKind.String ? found.GetString()!
                    : found.ValueKind == JsonValueKind.Null ? ""
                    : found.GetRawText();
                context.Labels.SetParsed(name, value);
            }
        }
        catch (JsonException e)
        {
            context.Labels.SetError(PipelineErrors.JsonParser, e.Message);
        }
        return true;
    }
}
