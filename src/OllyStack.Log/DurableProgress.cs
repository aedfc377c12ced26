namespace OllyStack.Log;

/// <summary>
/// An async signal the writer raises after every fsync, so waiting readers wake without polling. A reader takes
/// <see cref="Next"/> before checking the durable end; the writer moves the durable end before <see cref="Advance"/>,
/// so no advance is missed. Costs one allocation per group commit, not per record.
/// </summary>
internal sealed class DurableProgress
{
    private TaskCompletionSource next = Create();

    public Task Next => Volatile.Read(ref next).Task;

    public void Advance() => Interlocked.Exchange(ref next, Create()).TrySetResult();

    private static TaskCompletionSource Create() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
