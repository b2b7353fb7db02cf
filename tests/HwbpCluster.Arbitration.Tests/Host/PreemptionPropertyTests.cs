using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Tests.Model;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class PreemptionPropertyTests
{
    private static readonly OpKind[] Ops = Enum.GetValues<OpKind>();

    private static ReservationRequest Request(ArchProfile profile, Op op)
    {
        var cpu = op.B % profile.CpuCount;
        var task = 1 + (op.A % 4);
        var spec = ModelDriver.Spec(profile, execute: op.A % 5 == 0, op.B);
        return op.Kind switch
        {
            OpKind.ReserveCpu => new ReservationRequest(ClientKind.Perf, spec, Scope.OnCpu(cpu)) { Privileged = true },
            OpKind.ReserveTaskOnCpu => new ReservationRequest(ClientKind.Perf, spec, Scope.ForTaskOnCpu(task, cpu)) { Pinned = !op.Flag },
            OpKind.ReserveWide or OpKind.Fork => new ReservationRequest(ClientKind.Kgdb, spec, Scope.AllCpus) { Privileged = true },
            _ => op.Flag
                ? new ReservationRequest(ClientKind.Ptrace, spec, Scope.ForTask(task))
                : new ReservationRequest(ClientKind.Perf, spec, Scope.ForTask(task)),
        };
    }

    private static void Apply(HostArbiter host, Op op, List<Decision> decisions)
    {
        var live = host.Reservations.Select(r => r.Id).Order().ToArray();
        var decision = op.Kind is OpKind.Release or OpKind.Exit && live.Length > 0
            ? host.Release(live[op.A % live.Length])
            : host.TryReserve(Request(host.Profile, op));
        decisions.Add(decision);
    }

    [Fact]
    public void Preemption_never_touches_ptrace_and_brings_suspended_reservations_back_in_original_order() =>
        Properties.Check(Scenario.Generator(maxOps: 60, Ops), scenario =>
        {
            var host = new HostArbiter(scenario.CreateProfile());
            var decisions = new List<Decision>();
            foreach (var op in scenario.Ops)
            {
                Apply(host, op, decisions);
                var last = decisions[^1];
                foreach (var reservation in host.Reservations.Where(r => r.State == ReservationState.Suspended))
                {
                    Assert.Equal(ClientKind.Perf, reservation.Request.Kind);
                    Assert.True(reservation.Request.Pinned);
                }

                Assert.Equal(last.Resumed.Order(), last.Resumed);
                if (last.Resumed.Count > 0 && host.SuspendedIds.Count > 0)
                {
                    Assert.True(last.Resumed.Max() < host.SuspendedIds.Min(), "a younger reservation came back before an older one");
                }

                for (var cpu = 0; cpu < host.Profile.CpuCount; cpu++)
                {
                    Assert.True(host.WorstCase(cpu, Pool.Data) <= host.Profile.DataSlots);
                    Assert.True(host.WorstCase(cpu, Pool.Instruction) <= host.Profile.InstructionSlots);
                }
            }

            return true;
        }, maxTest: 250, seed: 0x5EED_0007);

    [Fact]
    public void Releasing_the_kgdb_breakpoint_restores_every_suspended_reservation_exactly()
    {
        var preempted = 0;
        Properties.Check(Scenario.Generator(maxOps: 40, [OpKind.ReserveCpu, OpKind.ReserveTask, OpKind.ReserveTaskOnCpu]), scenario =>
        {
            var host = new HostArbiter(scenario.CreateProfile());
            foreach (var op in scenario.Ops)
            {
                host.TryReserve(Request(host.Profile, op));
            }

            var before = Snapshot(host);
            var states = host.Reservations.OrderBy(r => r.Id).ToArray();
            var kgdb = host.TryReserve(Request(host.Profile, new Op(OpKind.ReserveWide, 1, 1, false)));
            if (kgdb.Outcome != Outcome.Admitted)
            {
                Assert.Equal(before, Snapshot(host));
                return true;
            }

            preempted += kgdb.Suspended.Count > 0 ? 1 : 0;
            var release = host.Release(kgdb.ReservationId);
            Assert.Equal(kgdb.Suspended.Order(), release.Resumed);
            Assert.Equal(before, Snapshot(host));
            Assert.Equal(states, host.Reservations.OrderBy(r => r.Id));
            return true;
        }, maxTest: 250, seed: 0x5EED_0008);
        Assert.True(preempted > 0, "the generator must make kgdb preempt");
    }

    private static string Snapshot(HostArbiter host) => string.Join(";", Enumerable.Range(0, host.Profile.CpuCount).Select(c =>
        $"{host.CpuPinned(c, Pool.Data)},{host.MaxTaskCount(c, Pool.Data)},{host.CpuPinned(c, Pool.Instruction)},{host.MaxTaskCount(c, Pool.Instruction)}"))
        + "|" + string.Join(",", Enumerable.Range(1, 4).SelectMany(t => Enumerable.Range(0, host.Profile.CpuCount).Select(c => host.TaskCount(t, c, Pool.Data))));
}
