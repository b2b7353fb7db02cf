using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>hwbp.v1.Simulator: tasks and memory accesses on simulated hosts.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Simulator.SpawnTask: creates a task (tid 0: the host picks one).</summary>
    public Task<TaskInfo> SpawnTaskAsync(SpawnTaskRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, simulator.SpawnTaskAsync, cancellationToken);

    /// <summary>Simulator.ForkTask: forks a task; inheriting breakpoints are copied to the child.</summary>
    public Task<TaskInfo> ForkTaskAsync(ForkTaskRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, simulator.ForkTaskAsync, cancellationToken);

    /// <summary>Simulator.ExitTask: ends a task, releasing its task-bound reservations.</summary>
    public Task<SimEmpty> ExitTaskAsync(ExitTaskRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, simulator.ExitTaskAsync, cancellationToken);

    /// <summary>Simulator.RunTask: switches a CPU to a task (tid 0: idle), re-arming its slots.</summary>
    public Task<SimEmpty> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, simulator.RunTaskAsync, cancellationToken);

    /// <summary>Simulator.Access: a running task touches memory; returns the hits it caused.</summary>
    public Task<AccessResponse> AccessAsync(AccessRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, simulator.AccessAsync, cancellationToken);
}
