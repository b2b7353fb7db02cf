using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>FleetReserve: one reservation per selected host; all-or-nothing releases what it took when any host fails.</summary>
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

        var targets = Select(request.Selector);
        var outcomes = await Task.WhenAll(
            targets.Select(t => ReserveOnAsync(t.Name, t.Host, session.Id, request, context.CancellationToken)));
        var allOrNothing = request.Mode != FleetMode.BestEffort;
        var failed = outcomes.FirstOrDefault(o => o.StatusCode != (int)StatusCode.OK);
        if (allOrNothing && failed is not null)
        {
            await RollBackAsync(outcomes, session.Id, failed.Host);
        }

        var succeeded = outcomes.Count(o => o.StatusCode == (int)StatusCode.OK);
        var response = new FleetReserveResponse { Committed = allOrNothing ? failed is null : succeeded > 0 };
        response.Outcomes.AddRange(outcomes);
        ServiceLog.FleetReserved(logger, session.Id, outcomes.Length, succeeded, response.Committed);
        return response;
    }

    private static async Task<HostOutcome> ReserveOnAsync(
        string name, IHwbpHost? host, string sessionId, FleetReserveRequest request, CancellationToken cancellationToken)
    {
        var outcome = new HostOutcome { Host = name };
        try
        {
            if (host is null)
            {
                throw RpcErrors.NotFound($"selector.hosts: host '{name}' is not served by any member");
            }

            var perHost = request.Template.Clone();
            perHost.Host = name;
            if (request.TidByHost.TryGetValue(name, out var tid))
            {
                SetTid(perHost.Scope, tid);
            }

            var view = await host.ReserveAsync(sessionId, FromWire.Reserve(perHost, host.Description.Profile), cancellationToken);
            outcome.Reservation = ToWire.Reservation(view);
        }
        catch (RpcException ex)
        {
            (outcome.StatusCode, outcome.Message) = ((int)ex.StatusCode, ex.Status.Detail);
        }
        catch (HostException ex)
        {
            (outcome.StatusCode, outcome.Message) = ((int)RpcErrors.CodeOf(ex.Error), ex.Message);
        }

        return outcome;
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

    private async Task RollBackAsync(HostOutcome[] outcomes, string sessionId, string failedHost)
    {
        foreach (var outcome in outcomes.Where(o => o.StatusCode == (int)StatusCode.OK))
        {
            var (hostName, id) = ReservationIds.Parse(outcome.Reservation!.Id, "reservation_id");
            try
            {
                await hosts.Resolve(hostName).ReleaseAsync(sessionId, id, CancellationToken.None);
            }
            catch (HostException ex) when (ex.Error == HostError.NotFound)
            {
                // Already gone (task exit, lease): nothing to undo.
            }

            outcome.Reservation = null;
            outcome.StatusCode = (int)StatusCode.Aborted;
            outcome.Message = $"rolled back: all-or-nothing and host '{failedHost}' failed";
        }
    }
}
