using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Fork (the parent waits while the child takes its copies, so the parent's counts bound the child's) and exit.</summary>
internal sealed partial class TaskActor
{
    private Action<IReadOnlyList<TaskBp>>? _pendingFork;
    private bool _exited;

    // After the exit every request is answered NotFound: a release, close or modify that raced the exit must not hang.
    private bool RefusedAfterExit(TaskMsg message)
    {
        if (!_exited)
        {
            return false;
        }

        var gone = TaskOutcome.Fail(HostError.NotFound, $"task {_tid} exited");
        var reply = message switch
        {
            TaskMsg.Reserve m => m.Reply,
            TaskMsg.Release m => m.Reply,
            TaskMsg.Modify m => m.Reply,
            TaskMsg.Suspend m => m.Reply,
            TaskMsg.Resume m => m.Reply,
            TaskMsg.Fork m => m.Reply,
            TaskMsg.Exit m => m.Reply,
            _ => null,
        };
        reply?.Tell(gone);
        return true;
    }

    private void OnFork(TaskMsg.Fork fork)
    {
        var copies = _bps.Values
            .Where(b => b.Inherit)
            .OrderBy(b => b.Id)
            .Select(b => b with { Id = _host.NextReservationId(), OriginalId = b.Id })
            .ToArray();
        _pendingFork = adopted =>
        {
            _pendingFork = null;
            _host.Linearized(fork.Tag, succeeded: true);
            Done(() => fork.Reply.Tell(new TaskOutcome(true, HostError.FailedPrecondition, string.Empty, adopted)));
        };
        fork.Child.Tell(new TaskMsg.Adopt(copies, Self));
    }

    // Copies are negotiated one at a time (a task has at most one pending hold per CPU); a fresh child always fits.
    private void AdoptNext(TaskMsg.Adopt adopt, int index)
    {
        if (index == adopt.Copies.Count)
        {
            Done(() => adopt.Parent.Tell(new TaskMsg.Adopted(_bps.Values.Where(b => b.OriginalId != 0).OrderBy(b => b.Id).ToArray())));
            return;
        }

        var copy = adopt.Copies[index];
        if (!copy.Counted)
        {
            Record(copy);
            Rearm();
            AdoptNext(adopt, index + 1);
            return;
        }

        BeforeIncrease(copy.Cpu, () => Negotiate(Increase(copy.Cpu, copy.Pool, ArmedWith(copy), null), outcome =>
        {
            // Only a child that already held breakpoints can lack room; its copy then waits suspended for room.
            Record(outcome.Admitted ? copy : copy with { Suspended = true });
            AdoptNext(adopt, index + 1);
        }));
    }

    private void OnExit(TaskMsg.Exit exit)
    {
        var released = _bps.Values.OrderBy(b => b.Id).ToArray();
        var shape = ExitShape(exit.Tag);
        if (shape is null)
        {
            _host.Linearized(exit.Tag, succeeded: true);
            Finish();
            return;
        }

        Negotiate(shape, _ => Finish());

        void Finish()
        {
            _bps.Clear();
            _exited = true;

            // What waited behind the exit is answered (the task holds nothing now); the host stops this actor once it has the outcome.
            Done(() => exit.Reply.Tell(new TaskOutcome(true, HostError.FailedPrecondition, string.Empty, released)));
        }
    }

    private LedgerChange[] StepsToZero(int cpu)
    {
        var steps = new List<LedgerChange>();
        foreach (var pool in (ReadOnlySpan<Pool>)[Pool.Instruction, Pool.Data])
        {
            for (var n = _ledger.Count(cpu, pool); n > 0; n--)
            {
                steps.Add(LedgerChange.TaskDown(pool, _tid, n));
            }
        }

        return steps.ToArray();
    }
}
