namespace HwbpCluster.Hosts;

/// <summary>The port through which a real backend tells its accounting host which of the machine's threads exist.</summary>
/// <remarks>
/// The accounting host reserves only for tasks it knows. A simulated host learns them from its simulator controls; a real
/// one (Linux) registers a thread the first time a reservation names it and removes it when the kernel says it exited.
/// </remarks>
public interface ITaskRegistry
{
    /// <summary>Makes thread <paramref name="tid"/> known (a thread already known stays as it is).</summary>
    Task AddTaskAsync(long tid, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Known thread <paramref name="parentTid"/> created <paramref name="childTid"/> and the kernel copied its inherited
    /// breakpoints into it: the child becomes known with the accounting's inherited copies (a process reservation's part).
    /// </summary>
    /// <exception cref="HostException">NotFound when the parent is not known; FailedPrecondition when the child already is.</exception>
    Task<TaskDescription> ForkTaskAsync(long parentTid, long childTid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The pure core's verdict on a process scope for this session (who may ask, no wait), before a real backend arms it:
    /// the same rules the accounting applies when it expands one itself.
    /// </summary>
    /// <exception cref="HostException">InvalidArgument, PermissionDenied or NotFound (no such session), as Reserve would answer.</exception>
    Task CheckProcessAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default);

    /// <summary>Thread <paramref name="tid"/> exited: its reservations are released as <c>task-exited</c>.</summary>
    /// <exception cref="HostException">NotFound when the thread is not known.</exception>
    Task RemoveTaskAsync(long tid, CancellationToken cancellationToken = default);
}
