using System.Text.Json;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>Cells of the admin commands' tables, from a field of the server's JSON: markup-escaped, empty when the field is null or absent.</summary>
public static class TableCells
{
    public static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Markup.Escape(value.GetString()!) : "";

    /// <summary>A timestamp as "2026-11-24 10:00:00Z".</summary>
    public static string Time(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset().ToString("u") : "";
}
