using Grpc.Core;
using HwbpCluster.Cluster;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>FleetReserve: one reservation per selected host; all or nothing prepares holds everywhere, then commits or aborts
/// (<see cref="Cluster.FleetReserve"/>); best effort keeps what succeeded.</summary>
internal sealed partial class FleetService
{
    public override async Task<FleetReserveResponse> FleetReserve(FleetReserveRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var template = request.Template ?? throw RpcErrors.InvalidArgument("template", "is required");
        FromWire.Breakpoint(template.Breakpoint, "template.breakpoint");
        if (template.Scope is null || template.Scope.TargetCase == Scope.TargetOneofCase.None)
        {
            throw RpcErrors.InvalidArgument("template.scope", "is required: set one of cpu, task, task_on_cpu, all_cpus");
        }

        if (IsEmpty(request.Selector))
        {
            throw RpcErrors.InvalidArgument("selector", "selects no host: name hosts or labels");
        }

        var selected = Select(request.Selector);
        var outcomes = selected.Select(t => new HostOutcome { Host = t.Name }).ToArray();
        var targets = new List<(int Index, FleetTarget Target)>(selected.Count);
        for (var i = 0; i < selected.Count; i++)
        {
            var (target, code, message) = Target(selected[i].Name, selected[i].Host, request);
            if (target is not null)
            {
                targets.Add((i, target));
            }
            else
            {
                (outcomes[i].StatusCode, outcomes[i].Message) = (code, message);
            }
        }

        var allOrNothing = request.Mode != FleetMode.BestEffort;
        using var claim = await sessions.Reservations.ClaimAsync(session, targets.Count, context.CancellationToken);
        var unfit = outcomes.FirstOrDefault(o => o.StatusCode != (int)StatusCode.OK);
        FleetResult result;
        if (allOrNothing && unfit is not null)
        {
            // A host that cannot even be asked fails the whole call before anything is held anywhere.
            var skipped = new HostException(HostError.Aborted, $"not attempted: all-or-nothing and host '{unfit.Host}' failed");
            result = new FleetResult([.. targets.Select(_ => new FleetHostOutcome(null, skipped))], Committed: false);
        }
        else
        {
            var only = targets.Select(t => t.Target).ToArray();
            result = allOrNothing
                ? await Cluster.FleetReserve.AllOrNothingAsync(session.Id, only, Cluster.FleetReserve.DefaultHoldTtl, context.CancellationToken)
                : await Cluster.FleetReserve.BestEffortAsync(session.Id, only, context.CancellationToken);
        }

        for (var k = 0; k < targets.Count; k++)
        {
            var (outcome, done) = (outcomes[targets[k].Index], result.Outcomes[k]);
            if (done.Reservation is { } view)
            {
                outcome.Reservation = ToWire.Reservation(view);
            }
            else
            {
                (outcome.StatusCode, outcome.Message) = ((int)RpcErrors.CodeOf(done.Failure!.Error), done.Failure.Message);
            }
        }

        var succeeded = outcomes.Count(o => o.StatusCode == (int)StatusCode.OK);
        claim.Granted(succeeded);
        var response = new FleetReserveResponse { Committed = allOrNothing ? result.Committed : succeeded > 0 };
        response.Outcomes.AddRange(outcomes);
        ServiceLog.FleetReserved(logger, session.Id, outcomes.Length, succeeded, response.Committed);
        return response;
    }

    // The host's own reservation from the template (its tid, its profile), or why the host cannot be asked (status, message).
    private static (FleetTarget? Target, int Code, string Message) Target(string name, IHwbpHost? host, FleetReserveRequest request)
    {
        if (host is null)
        {
            return (null, (int)StatusCode.NotFound, $"selector.hosts: host '{name}' is not served by any member");
        }

        try
        {
            return (new FleetTarget(host, FromWire.Reserve(PerHost(name, request), host.Description.Profile)), 0, string.Empty);
        }
        catch (RpcException ex)
        {
            return (null, (int)ex.StatusCode, ex.Status.Detail);
        }
    }

    private static ReserveRequest PerHost(string name, FleetReserveRequest request)
    {
        var perHost = request.Template.Clone();
        perHost.Host = name;
        if (request.TidByHost.TryGetValue(name, out var tid))
        {
            SetTid(perHost.Scope, tid);
        }

        return perHost;
    }

    private static void SetTid(Scope scope, ulong tid)
    {
        if (scope.TargetCase == Scope.TargetOneofCase.Task)
        {
            scope.Task.Tid = tid;
        }
        else if (scope.TargetCase == Scope.TargetOneofCase.TaskOnCpu)
        {
            scope.TaskOnCpu.Tid = tid;
        }
    }
}
