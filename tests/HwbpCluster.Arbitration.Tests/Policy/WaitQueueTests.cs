using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Tests.Policy;

public sealed class WaitQueueTests
{
    private static readonly Func<long, long, bool> NeverCompete = (_, _) => false;
    private static readonly Func<long, long, bool> AlwaysCompete = (_, _) => true;

    private static Gen<ClientKind[]> Kinds =>
        from n in Gen.Choose(0, 40)
        from kinds in Gen.ArrayOf(Gen.Elements(ClientKind.Ptrace, ClientKind.Kgdb, ClientKind.Perf, ClientKind.Kvm), n)
        select kinds;

    private static long[] PriorityThenFifo(ClientKind[] kinds) =>
        kinds.Select((kind, i) => (kind, id: (long)i + 1)).OrderBy(e => ClientPriority.Rank(e.kind)).ThenBy(e => e.id).Select(e => e.id).ToArray();

    private static WaitQueue Filled(ClientKind[] kinds)
    {
        var queue = new WaitQueue();
        for (var i = 0; i < kinds.Length; i++)
        {
            queue.Enqueue(i + 1, kinds[i]);
        }

        return queue;
    }

    [Fact]
    public void Kgdb_is_served_before_ptrace_before_perf()
    {
        var queue = Filled([ClientKind.Perf, ClientKind.Ptrace, ClientKind.Kgdb, ClientKind.Ptrace]);
        Assert.Equal([3L, 2L, 4L, 1L], queue.Drain(_ => true, NeverCompete));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void The_queue_serves_in_priority_then_fifo_order() =>
        Properties.Check(Kinds, kinds =>
        {
            var queue = Filled(kinds);
            Assert.Equal(PriorityThenFifo(kinds), queue.ServeOrder());
            Assert.Equal(PriorityThenFifo(kinds), queue.Drain(_ => true, NeverCompete));
            return true;
        }, maxTest: 200, seed: 0x5EED_0005);

    [Fact]
    public void A_waiting_request_that_still_does_not_fit_holds_back_every_later_competitor() =>
        Properties.Check(
            from kinds in Kinds
            from fits in Gen.ArrayOf(Gen.Elements(true, true, false), kinds.Length)
            select (kinds, fits),
            input =>
            {
                var (kinds, fits) = input;
                var queue = Filled(kinds);
                var order = PriorityThenFifo(kinds);
                var served = queue.Drain(id => fits[id - 1], AlwaysCompete);
                var expected = order.TakeWhile(id => fits[id - 1]).ToArray();
                Assert.Equal(expected, served);
                Assert.Equal(order.Skip(expected.Length), queue.ServeOrder());
                return true;
            },
            maxTest: 200,
            seed: 0x5EED_0006);

    [Fact]
    public void A_blocked_request_does_not_hold_back_requests_that_need_other_room()
    {
        var queue = Filled([ClientKind.Ptrace, ClientKind.Ptrace, ClientKind.Perf]);
        Assert.Equal([2L, 3L], queue.Drain(id => id != 1, (blocked, candidate) => blocked == 1 && candidate == 99));
        Assert.Equal([1L], queue.ServeOrder());
    }

    [Fact]
    public void Removed_requests_are_never_served_and_an_id_cannot_queue_twice()
    {
        var queue = Filled([ClientKind.Perf, ClientKind.Perf]);
        Assert.True(queue.Remove(1));
        Assert.False(queue.Remove(1));
        Assert.Throws<ArgumentException>(() => queue.Enqueue(2, ClientKind.Kgdb));
        Assert.Equal([2L], queue.Drain(_ => true, NeverCompete));
    }

    [Theory]
    [InlineData(ScopeKind.Task, 1, ScopeKind.Task, 2, false)]
    [InlineData(ScopeKind.Task, 1, ScopeKind.Task, 1, true)]
    [InlineData(ScopeKind.Task, 1, ScopeKind.Cpu, 0, true)]
    [InlineData(ScopeKind.Cpu, 0, ScopeKind.Cpu, 1, false)]
    [InlineData(ScopeKind.Cpu, 0, ScopeKind.TaskOnCpu, 0, true)]
    [InlineData(ScopeKind.AllCpus, 0, ScopeKind.TaskOnCpu, 1, true)]
    public void Requests_compete_when_they_share_a_cpu_and_one_is_cpu_bound_or_both_are_the_same_tasks(
        ScopeKind waitingKind, int waitingArg, ScopeKind candidateKind, int candidateArg, bool competes)
    {
        static Scope Make(ScopeKind kind, int arg) => kind switch
        {
            ScopeKind.Task => Scope.ForTask(arg),
            ScopeKind.Cpu => Scope.OnCpu(arg),
            ScopeKind.TaskOnCpu => Scope.ForTaskOnCpu(7, arg),
            _ => Scope.AllCpus,
        };

        Assert.Equal(competes, RoomContention.Competes(Pool.Data, Make(waitingKind, waitingArg), Pool.Data, Make(candidateKind, candidateArg)));
        Assert.False(RoomContention.Competes(Pool.Instruction, Make(waitingKind, waitingArg), Pool.Data, Make(candidateKind, candidateArg)));
    }
}
