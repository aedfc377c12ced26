namespace OllyStack.Log;

/// <summary>
/// An async signal the writer raises after every fsync, so waiting readers wake without polling. A reader takes
/// <see cref="Next"/> before checking the durable end; the writer moves the durable end before <see cref="Advance"/>.
/// Both sides pass a full fence on <see cref="observed"/>, so either the writer sees the reader's interest and
/// completes the task it took, or the reader sees the new durable end: no advance is missed. A new task is allocated
/// only after a reader has taken the current one, so commits nobody waits for allocate nothing.
/// </summary>
internal sealed class DurableProgress
{
    private TaskCompletionSource next = Create();
    private int observed;

    public Task Next
    {
        get
        {
            Interlocked.Exchange(ref observed, 1);
            return Volatile.Read(ref next).Task;
        }
    }

    public void Advance()
    {
        if (Interlocked.Exchange(ref observed, 0) == 0) return;
        Interlocked.Exchange(ref next, Create()).TrySetResult();
    }

    private static TaskCompletionSource Create() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
