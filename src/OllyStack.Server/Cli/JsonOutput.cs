using System.Text.Encodings.Web;
using System.Text.Json;

namespace OllyStack.Server.Cli;

/// <summary>
/// How admin commands print what the server answered: with --json as the server sent it; otherwise one resource as
/// indented JSON, a list as the command renders it.
/// </summary>
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

    /// <summary>GETs <paramref name="path"/> and prints the answer, through <paramref name="render"/> unless --json; exit code 1 when the request failed.</summary>
    public static async Task<int> ShowAsync(AdminClient admin, CommandLine line, string path, Action<JsonElement> render)
    {
        var data = await admin.SendAsync(HttpMethod.Get, path);
        if (data is null) return 1;
        if (line.Has("json")) Console.WriteLine(data.Value.GetRawText());
        else render(data.Value);
        return 0;
    }
}
