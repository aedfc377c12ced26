using System.Diagnostics;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>Runs Prometheus' promtool, the reference implementation the test scripts are checked against.</summary>
internal static class Promtool
{
    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?
        .Split(System.IO.Path.PathSeparator)
        .Select(folder => System.IO.Path.Combine(folder, "promtool"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs <c>promtool test rules</c> on a unit-test file; returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) TestRules(string file)
    {
        var start = new ProcessStartInfo(Path ?? "promtool", ["test", "rules", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill();
        return (process.ExitCode, output.Result + error.Result);
    }
}
