using System.Diagnostics;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>Runs `ollystack &lt;args&gt;` (the real binary) to completion and returns its exit code and output.</summary>
internal static class Cli
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs with <paramref name="input"/> on standard input (null: none), as a pipe would give it.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string? input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.ServerDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}
