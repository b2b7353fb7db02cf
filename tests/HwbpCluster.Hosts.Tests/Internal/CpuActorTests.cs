using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Hosts.Backends;
using HwbpCluster.Hosts.Internal;
using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Internal;

/// <summary>One CPU actor driven by hand-made plans: holds, waits instead of spurious refusals, commit and abort.</summary>
public sealed class CpuActorTests
{
    private static readonly ArchProfile Profile = ArchProfile.X86_64(2);
    private readonly SeededSystem _system = new(7);
    private readonly List<NegotiationResult> _results = [];
    private readonly HostContext _host;
    private readonly IActorRef<NegotiationResult> _coordinator;

    public CpuActorTests()
    {
        var hostMessages = new List<HostMsg>();
        _host = new HostContext
        {
            Name = "h",
            Profile = Profile,
            Backend = new SimulatedRegisterBackend(Profile),
            Slice = TimeSpan.FromMilliseconds(4),
            Epoch = _system.Time.GetUtcNow(),
            Host = _system.Spawn(() => new Collector<HostMsg>(hostMessages), "host"),
        };
        _host.Cpus = [_system.Spawn(() => new CpuActor(_host, 0), "cpu-0"), _system.Spawn(() => new CpuActor(_host, 1), "cpu-1")];
        _coordinator = _system.Spawn(() => new Collector<NegotiationResult>(_results), "coordinator");
        for (var id = 1; id <= 3; id++)
        {
            Send(0, Plan(id, [0], LedgerChange.AddCpuBound(Pool.Data, id)));
        }

        _system.RunUntilIdle();
        _results.Clear();
    }

    private Plan Plan(long tx, int[] cpus, LedgerChange change) => new()
    {
        TxId = tx,
        Cpus = cpus,
        Refs = _host.Cpus,
        Coordinator = _coordinator,
        Increases = [change],
        OneStep = cpus.Length == 1,
        Effect = new CpuBoundEffect(change.Id, new BreakpointSpec(0x1000 + (ulong)(8 * change.Id), 8, Access.Write), Pool.Data),
    };

    private void Send(int cpu, Plan plan) => _host.Cpus[cpu].Tell(new CpuMsg.Chain(plan, 0));

    private LedgerCounts Counts(int cpu) => _system.Run(SeededSystem.Ask<CpuMsg, LedgerCounts>(_host.Cpus[cpu], r => new CpuMsg.Counts(r)));

    [Fact]
    public void A_request_that_fits_only_if_a_pending_hold_aborts_waits_and_is_admitted_after_the_abort()
    {
        Send(0, Plan(10, [0, 1], LedgerChange.AddCpuBound(Pool.Data, 10)));
        _system.RunUntilIdle();
        Send(0, Plan(11, [0], LedgerChange.AddCpuBound(Pool.Data, 11)));
        _system.RunUntilIdle();

        Assert.Equal([(10L, NegotiationResultKind.AllHeld)], _results.Select(r => (r.TxId, r.Kind)));
        Assert.Equal(1, Counts(0).Parked);

        _host.Cpus[0].Tell(new CpuMsg.Decide(10, Commit: false));
        _host.Cpus[1].Tell(new CpuMsg.Decide(10, Commit: false));
        _system.RunUntilIdle();

        Assert.Equal((11L, NegotiationResultKind.Committed), (_results[^1].TxId, _results[^1].Kind));
        Assert.Equal((4, 0, 0), (Counts(0).CpuPinned[(int)Pool.Data], Counts(0).PendingHolds, Counts(0).Parked));
    }

    [Fact]
    public void A_waiting_request_is_refused_once_the_hold_it_waited_for_commits()
    {
        Send(0, Plan(10, [0, 1], LedgerChange.AddCpuBound(Pool.Data, 10)));
        Send(0, Plan(11, [0], LedgerChange.AddCpuBound(Pool.Data, 11)));
        _system.RunUntilIdle();

        _host.Cpus[0].Tell(new CpuMsg.Decide(10, Commit: true));
        _system.RunUntilIdle();

        var refusal = _results.Single(r => r.TxId == 11);
        Assert.Equal(NegotiationResultKind.Refused, refusal.Kind);
        Assert.Contains("4 cpu-bound (r1, r2, r3, r10)", refusal.Holders, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_further_up_the_chain_reports_its_index_so_the_coordinator_aborts_the_holds_below_it()
    {
        for (var id = 21; id <= 24; id++)
        {
            Send(1, Plan(id, [1], LedgerChange.AddCpuBound(Pool.Data, id)));
        }

        Send(0, Plan(30, [0, 1], LedgerChange.AddCpuBound(Pool.Data, 30)));
        _system.RunUntilIdle();

        var refusal = _results.Single(r => r.TxId == 30);
        Assert.Equal((NegotiationResultKind.Refused, 1), (refusal.Kind, refusal.RefusedIndex));
        Assert.Equal(1, Counts(0).PendingHolds);
        _host.Cpus[0].Tell(new CpuMsg.Decide(30, Commit: false));
        _system.RunUntilIdle();
        Assert.Equal((3, 0), (Counts(0).CpuPinned[(int)Pool.Data], Counts(0).PendingHolds));
        Assert.Equal(3, Counts(0).ProjectedWorstCase[(int)Pool.Data]);
    }

    [Fact]
    public void Parked_prepares_are_decided_in_arrival_order()
    {
        Send(0, Plan(10, [0, 1], LedgerChange.AddCpuBound(Pool.Data, 10)));
        _system.RunUntilIdle();
        Send(0, Plan(11, [0], LedgerChange.AddCpuBound(Pool.Data, 11)));
        _system.RunUntilIdle();
        Send(0, Plan(12, [0], LedgerChange.AddCpuBound(Pool.Data, 12)));
        _system.RunUntilIdle();

        _host.Cpus[0].Tell(new CpuMsg.Decide(10, Commit: false));
        _system.RunUntilIdle();

        Assert.Equal(
            [(11L, NegotiationResultKind.Committed), (12L, NegotiationResultKind.Refused)],
            _results.Where(r => r.TxId > 10).Select(r => (r.TxId, r.Kind)));
    }

    [Fact]
    public void An_optimistic_prepare_that_would_have_to_wait_answers_busy_and_holds_nothing()
    {
        Send(0, Plan(10, [0, 1], LedgerChange.AddCpuBound(Pool.Data, 10)));
        _system.RunUntilIdle();
        var optimistic = new Plan
        {
            TxId = 11,
            Cpus = [0, 1],
            Refs = _host.Cpus,
            Coordinator = _coordinator,
            Increases = [LedgerChange.AddCpuBound(Pool.Data, 11)],
            FanOut = true,
        };

        _host.Cpus[0].Tell(new CpuMsg.Chain(optimistic, 0));
        _host.Cpus[1].Tell(new CpuMsg.Chain(optimistic, 1));
        _system.RunUntilIdle();

        Assert.Equal(
            [(0, NegotiationResultKind.Busy), (1, NegotiationResultKind.Held)],
            _results.Where(r => r.TxId == 11).Select(r => (r.RefusedIndex, r.Kind)).OrderBy(r => r.RefusedIndex));
        Assert.Equal((1, 0), (Counts(0).PendingHolds, Counts(0).Parked));
    }
}

