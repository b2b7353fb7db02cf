using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Friendly calls of hwbp.v1.Simulator: tasks, context switches and memory accesses without request messages.</summary>
public sealed partial class HwbpClient
{
    private const string SimulatedBackend = "sim";

    /// <summary>Creates task <paramref name="tid"/> named <paramref name="name"/> on <paramref name="host"/> (null: the node's own).</summary>
    /// <remarks>
    /// Idempotent for an explicit tid: when the task already exists the call succeeds and returns it, so a set-up script can
    /// run twice. The simulator keeps no task listing, so the existing task's name is not compared. Tid 0 always creates a
    /// new task with a tid the host picks.
    /// </remarks>
    /// <exception cref="RpcException">FAILED_PRECONDITION: the host is not simulated; NOT_FOUND: no such host.</exception>
    public async Task<TaskInfo> SpawnTaskAsync(ulong tid, string name, string? host = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var request = new SpawnTaskRequest { Host = host ?? string.Empty, Tid = tid, Name = name };
        try
        {
            return await SpawnTaskAsync(request, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && tid != 0)
        {
            // Spawn refuses an explicit tid for two reasons only: the tid is taken, or the host is not simulated. Tell them apart.
            var state = await GetHostAsync(host, cancellationToken);
            if (state.Backend != SimulatedBackend)
            {
                throw;
            }

            return new TaskInfo { Host = state.Host, Tid = tid, Name = name };
        }
    }

    /// <summary>Forks <paramref name="parentTid"/> into <paramref name="childTid"/> (0: the host picks); inheriting breakpoints are copied.</summary>
    public Task<TaskInfo> ForkTaskAsync(ulong parentTid, ulong childTid = 0, string? host = null, CancellationToken cancellationToken = default) =>
        ForkTaskAsync(new ForkTaskRequest { Host = host ?? string.Empty, ParentTid = parentTid, ChildTid = childTid }, cancellationToken);

    /// <summary>Ends task <paramref name="tid"/>, releasing its task-bound reservations.</summary>
    public async Task ExitTaskAsync(ulong tid, string? host = null, CancellationToken cancellationToken = default) =>
        await ExitTaskAsync(new ExitTaskRequest { Host = host ?? string.Empty, Tid = tid }, cancellationToken);

    /// <summary>Context switch: CPU <paramref name="cpu"/> runs task <paramref name="tid"/> (0: idle), re-arming its slots.</summary>
    public async Task RunTaskAsync(ulong tid, uint cpu, string? host = null, CancellationToken cancellationToken = default) =>
        await RunTaskAsync(new RunTaskRequest { Host = host ?? string.Empty, Tid = tid, Cpu = cpu }, cancellationToken);

    /// <summary>Running task <paramref name="tid"/> touches <paramref name="length"/> bytes at <paramref name="address"/>; returns the hits.</summary>
    /// <param name="tid">A task running on some CPU.</param>
    /// <param name="address">The address accessed.</param>
    /// <param name="length">Bytes accessed.</param>
    /// <param name="access">Execute, Read or Write.</param>
    /// <param name="ip">The instruction pointer the hits report.</param>
    /// <param name="host">The simulated host; null: the node's own.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<HitEvent>> AccessAsync(
        ulong tid,
        ulong address,
        uint length,
        Access access,
        ulong ip = 0,
        string? host = null,
        CancellationToken cancellationToken = default)
    {
        var request = new AccessRequest { Host = host ?? string.Empty, Tid = tid, Address = address, Length = length, Access = access, Ip = ip };
        return (await AccessAsync(request, cancellationToken)).Hits;
    }
}
