using System.Text.Json;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// <c>| unpack</c>: undoes Promtail's <c>pack</c> stage. The line is a JSON object whose string fields become labels,
/// except <c>_entry</c>, which becomes the line. Other fields are ignored; a line that is not a JSON object is marked
/// <c>JSONParserErr</c>.
/// </summary>
internal sealed class UnpackParser : Stage
{
    private const string EntryField = "_entry";

    public override bool Process(LineContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Line);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("the line is not a JSON object");
            string? entry = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                if (property.Name == EntryField) entry = property.Value.GetString();
                else context.Labels.SetParsed(LabelNames.IsValid(property.Name) ? property.Name : LabelNames.Sanitize(property.Name), property.Value.GetString()!);
            }
            if (entry is not null) context.Line = entry;
        }
        catch (JsonException e)
        {
            context.Labels.SetError(PipelineErrors.JsonParser, e.Message);
        }
        return true;
    }
}
