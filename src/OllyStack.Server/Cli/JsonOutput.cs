using System.Text.Encodings.Web;
using System.Text.Json;

namespace OllyStack.Server.Cli;

/// <summary>How admin commands print one resource: indented JSON, or as the server sent it with --json.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Prints <paramref name="data"/>; exit code 1 when it is null (the server's error was printed already).</summary>
    public static int Print(JsonElement? data, CommandLine line)
    {
        if (data is null) return 1;
        Console.WriteLine(line.Has("json") ? data.Value.GetRawText() : JsonSerializer.Serialize(data.Value, Indented));
        return 0;
    }
}
