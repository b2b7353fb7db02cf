using HwbpCluster.Hosts;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Simulator: tasks, context switches and memory accesses on the node's simulated hosts.</summary>
internal sealed class SimulatorService(NodeHosts hosts)
{
    private static readonly SimEmpty Empty = new();

    /// <summary>Binds the five methods.</summary>
    public void Bind(GrpcServiceBinder binder) => binder
        .MapUnary<SpawnTaskRequest, TaskInfo>("SpawnTask", SpawnTaskAsync)
        .MapUnary<ForkTaskRequest, TaskInfo>("ForkTask", ForkTaskAsync)
        .MapUnary<ExitTaskRequest, SimEmpty>("ExitTask", ExitTaskAsync)
        .MapUnary<RunTaskRequest, SimEmpty>("RunTask", RunTaskAsync)
        .MapUnary<AccessRequest, AccessResponse>("Access", AccessAsync);

    private async Task<TaskInfo> SpawnTaskAsync(SpawnTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host);
        var tid = request.Tid == 0 ? 0 : FromWire.Tid(request.Tid, "tid");
        return ToWire.Task(host.Name, await simulator.SpawnTaskAsync(tid, request.Name, context.CancellationToken));
    }

    private async Task<TaskInfo> ForkTaskAsync(ForkTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host);
        var parent = FromWire.Tid(request.ParentTid, "parent_tid");
        var child = request.ChildTid == 0 ? 0 : FromWire.Tid(request.ChildTid, "child_tid");
        return ToWire.Task(host.Name, await simulator.ForkTaskAsync(parent, child, context.CancellationToken));
    }

    private async Task<SimEmpty> ExitTaskAsync(ExitTaskRequest request, ServerCallContext context)
    {
        var (_, simulator) = Simulated(request.Host);
        await simulator.ExitTaskAsync(FromWire.Tid(request.Tid, "tid"), context.CancellationToken);
        return Empty;
    }

    private async Task<SimEmpty> RunTaskAsync(RunTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host);
        var tid = request.Tid == 0 ? 0 : FromWire.Tid(request.Tid, "tid");
        var cpu = FromWire.Cpu(request.Cpu, host.Description.Profile, "cpu");
        await simulator.RunTaskAsync(tid, cpu, context.CancellationToken);
        return Empty;
    }

    private async Task<AccessResponse> AccessAsync(AccessRequest request, ServerCallContext context)
    {
        var (_, simulator) = Simulated(request.Host);
        var tid = FromWire.Tid(request.Tid, "tid");
        var length = FromWire.Length(request.Length, "length");
        var access = request.Access is Access.Execute or Access.Read or Access.Write
            ? FromWire.Access(request.Access, "access")
            : throw RpcErrors.InvalidArgument("access", $"an access is EXECUTE, READ or WRITE, not {request.Access}");
        var hits = await simulator.AccessAsync(tid, request.Address, length, access, request.Ip, context.CancellationToken);
        var response = new AccessResponse();
        response.Hits.AddRange(hits.Select(ToWire.Hit));
        return response;
    }

    private (IHwbpHost Host, ISimulatedHost Simulator) Simulated(string name)
    {
        var host = hosts.Resolve(name);
        return host.Simulator is { } simulator
            ? (host, simulator)
            : throw new RpcException(
                StatusCode.FailedPrecondition, $"host: '{host.Name}' runs the {host.Description.Backend} backend, not the simulator");
    }
}
