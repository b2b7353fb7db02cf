using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Simulator: tasks, context switches and memory accesses on the node's simulated hosts.</summary>
internal sealed class SimulatorService(NodeHosts hosts) : Simulator.SimulatorBase
{
    private static readonly SimEmpty Empty = new();

    public override async Task<TaskInfo> SpawnTask(SpawnTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host, context);
        var tid = request.Tid == 0 ? 0 : FromWire.Tid(request.Tid, "tid");
        return ToWire.Task(host.Name, await simulator.SpawnTaskAsync(tid, request.Name, context.CancellationToken));
    }

    public override async Task<TaskInfo> ForkTask(ForkTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host, context);
        var parent = FromWire.Tid(request.ParentTid, "parent_tid");
        var child = request.ChildTid == 0 ? 0 : FromWire.Tid(request.ChildTid, "child_tid");
        return ToWire.Task(host.Name, await simulator.ForkTaskAsync(parent, child, context.CancellationToken));
    }

    public override async Task<SimEmpty> ExitTask(ExitTaskRequest request, ServerCallContext context)
    {
        var (_, simulator) = Simulated(request.Host, context);
        await simulator.ExitTaskAsync(FromWire.Tid(request.Tid, "tid"), context.CancellationToken);
        return Empty;
    }

    public override async Task<SimEmpty> RunTask(RunTaskRequest request, ServerCallContext context)
    {
        var (host, simulator) = Simulated(request.Host, context);
        var tid = request.Tid == 0 ? 0 : FromWire.Tid(request.Tid, "tid");
        var cpu = FromWire.Cpu(request.Cpu, host.Description.Profile, "cpu");
        await simulator.RunTaskAsync(tid, cpu, context.CancellationToken);
        return Empty;
    }

    public override async Task<AccessResponse> Access(AccessRequest request, ServerCallContext context)
    {
        var (_, simulator) = Simulated(request.Host, context);
        var tid = FromWire.Tid(request.Tid, "tid");
        var length = FromWire.Length(request.Length, "length");
        var access = request.Access is Protos.V1.Access.Execute or Protos.V1.Access.Read or Protos.V1.Access.Write
            ? FromWire.Access(request.Access, "access")
            : throw RpcErrors.InvalidArgument("access", $"an access is EXECUTE, READ or WRITE, not {request.Access}");
        var hits = await simulator.AccessAsync(tid, request.Address, length, access, request.Ip, context.CancellationToken);
        var response = new AccessResponse();
        response.Hits.AddRange(hits.Select(ToWire.Hit));
        return response;
    }

    private (IHwbpHost Host, ISimulatedHost Simulator) Simulated(string name, ServerCallContext context)
    {
        var caller = AuthInterceptor.CallerOf(context);
        if (!caller.MaySimulate)
        {
            // The simulator's tasks and accesses act on every session's reservations (an exit releases them).
            throw RpcErrors.Error(StatusCode.PermissionDenied,
                $"token '{caller.Name}' may not drive the Simulator: it needs an admin token or the SIM right in the tokens file");
        }

        var host = hosts.Resolve(name);
        return host.Simulator is { } simulator
            ? (host, simulator)
            : throw RpcErrors.Error(StatusCode.FailedPrecondition, hosts.Local.Contains(host)
                ? $"host: '{host.Name}' runs the {host.Description.Backend} backend, not the simulator"
                : $"host: '{host.Name}' is simulated by another node of the cluster; the Simulator is served only by the node that owns the host: call that node");
    }
}
