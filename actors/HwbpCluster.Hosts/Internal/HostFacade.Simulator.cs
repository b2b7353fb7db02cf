using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The simulator's controls, and the task port a real backend uses (the same messages: a real thread is a task).</summary>
internal sealed partial class HostFacade
{
    public Task<TaskDescription> SpawnTaskAsync(long tid, string name, CancellationToken cancellationToken = default) =>
        Call<TaskDescription>(r => new HostMsg.Spawn(tid, name, r), cancellationToken);

    public Task<TaskDescription> ForkTaskAsync(long parentTid, long childTid, CancellationToken cancellationToken = default) =>
        Call<TaskDescription>(r => new HostMsg.Fork(parentTid, childTid, r), cancellationToken);

    public Task ExitTaskAsync(long tid, CancellationToken cancellationToken = default) =>
        Call<bool>(r => new HostMsg.Exit(tid, r), cancellationToken);

    public async Task AddTaskAsync(long tid, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await SpawnTaskAsync(tid, name, cancellationToken);
        }
        catch (HostException ex) when (ex.Error == HostError.FailedPrecondition)
        {
            // Known already: another reservation for the same thread got there first.
        }
    }

    public Task RemoveTaskAsync(long tid, CancellationToken cancellationToken = default) => ExitTaskAsync(tid, cancellationToken);

    public Task RunTaskAsync(long tid, int cpu, CancellationToken cancellationToken = default) =>
        Call<bool>(r => new HostMsg.Run(tid, cpu, r), cancellationToken);

    public Task<IReadOnlyList<HitRecord>> AccessAsync(long tid, ulong address, int length, Access access, ulong ip,
        CancellationToken cancellationToken = default) =>
        Call<IReadOnlyList<HitRecord>>(r => new HostMsg.Access(tid, address, length, access, ip, r), cancellationToken);
}
