using System.Threading.Tasks.Sources;

namespace OllyStack.Log;

/// <summary>
/// The pending result of one append, pooled so an append allocates nothing: it returns to its pool when the caller
/// reads the result. Continuations run on the thread pool, never on the writer thread, so a slow caller cannot stall
/// the next group commit.
/// </summary>
internal sealed class AppendCompletion(AppendCompletionPool pool) : IValueTaskSource<long>
{
    private ManualResetValueTaskSourceCore<long> core = new() { RunContinuationsAsynchronously = true };

    /// <summary>The offset the record was given when it was queued.</summary>
    public long Offset { get; set; }

    public ValueTask<long> Task => new(this, core.Version);

    public void Succeed() => core.SetResult(Offset);

    public void Fail(Exception error) => core.SetException(error);

    public long GetResult(short token)
    {
        try
        {
            return core.GetResult(token);
        }
        finally
        {
            core.Reset();
            pool.Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}
