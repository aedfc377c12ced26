using System.Diagnostics;
using System.Text;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A child process whose standard output and error lines are kept, for the message of a test that fails; disposing
/// kills it with its children and waits for it to exit.
/// </summary>
internal sealed class CapturedProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private CapturedProcess(Process process) => _process = process;

    /// <summary>Every line it wrote to standard output and error so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="info"/> with both streams captured; <paramref name="onOutputLine"/> sees each standard output line as it arrives.</summary>
    public static CapturedProcess Start(ProcessStartInfo info, Action<string>? onOutputLine = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var captured = new CapturedProcess(Process.Start(info)!);
        captured._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            captured.Append(e.Data);
            onOutputLine?.Invoke(e.Data);
        };
        captured._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) captured.Append(e.Data);
        };
        captured._process.BeginOutputReadLine();
        captured._process.BeginErrorReadLine();
        return captured;
    }

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string line)
    {
        lock (_output) _output.AppendLine(line);
    }
}
