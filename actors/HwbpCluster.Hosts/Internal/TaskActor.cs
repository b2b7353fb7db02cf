using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One task: its breakpoints and ledger, inheritance on fork, release on exit; it coordinates its own negotiations, one at a time.</summary>
internal sealed partial class TaskActor : Actor<TaskMsg>
{
    private readonly HostContext _host;
    private readonly long _tid;
    private readonly TaskLedger _ledger;
    private readonly Dictionary<long, TaskBp> _bps = [];
    private readonly Queue<TaskMsg> _stash = new();
    private bool _busy;
    private int _runningCpu = -1;

    // While a negotiation is undecided, what may be armed wherever the task runs: only what is armed both before and after.
    private TaskArmed? _safe;

    public TaskActor(HostContext host, long tid)
    {
        _host = host;
        _tid = tid;
        _ledger = new TaskLedger(tid);
    }

    protected internal override void Receive(TaskMsg message)
    {
        switch (message)
        {
            case TaskMsg.Continue run:
                run.Action();
                break;
            case TaskMsg.RunOn runOn:
                _runningCpu = runOn.Cpu;
                if (runOn.Cpu >= 0)
                {
                    _host.Cpus[runOn.Cpu].Tell(new CpuMsg.Switch(_safe ?? Armed(), runOn.Reply));
                }
                else
                {
                    runOn.Reply?.Tell(true);
                }

                break;
            case TaskMsg.Stop:
                Context.Stop(Self);
                break;
            case TaskMsg.Adopted adopted:
                _pendingFork?.Invoke(adopted.Copies);
                break;
            default:
                if (_busy)
                {
                    _stash.Enqueue(message);
                }
                else
                {
                    Handle(message);
                }

                break;
        }
    }

    private void Handle(TaskMsg message)
    {
        if (RefusedAfterExit(message))
        {
            return;
        }

        _busy = true;
        switch (message)
        {
            case TaskMsg.Reserve reserve:
                OnReserve(reserve);
                break;
            case TaskMsg.Release release:
                OnRelease(release);
                break;
            case TaskMsg.Modify modify:
                OnModify(modify);
                break;
            case TaskMsg.Suspend suspend:
                OnSuspend(suspend);
                break;
            case TaskMsg.Resume resume:
                OnResume(resume);
                break;
            case TaskMsg.Fork fork:
                OnFork(fork);
                break;
            case TaskMsg.Adopt adopt:
                AdoptNext(adopt, 0);
                break;
            case TaskMsg.Exit exit:
                OnExit(exit);
                break;
            default:
                Done();
                break;
        }
    }

    // The current negotiation is over: take the next stashed change, if any.
    private void Done()
    {
        // Before the next negotiation starts: a switch made while this one was undecided got the safe list only.
        _safe = null;
        Rearm();
        _busy = false;
        while (!_busy && _stash.Count > 0)
        {
            Handle(_stash.Dequeue());
        }
    }

    private TaskArmed Armed(IEnumerable<TaskBp>? bps = null) =>
        new(_tid, (bps ?? _bps.Values).Where(b => !b.Suspended).Select(b => b.Armed).ToArray());

    private TaskArmed ArmedWith(TaskBp bp) => Armed(_bps.Values.Where(b => b.Id != bp.Id).Append(bp));

    private TaskArmed ArmedWithout(long id) => Armed(_bps.Values.Where(b => b.Id != id));

    private void Rearm()
    {
        if (_runningCpu >= 0)
        {
            _host.Cpus[_runningCpu].Tell(new CpuMsg.Rearm(Armed()));
        }
    }

    private void Negotiate(PlanShape shape, Action<NegotiationOutcome> done)
    {
        var after = shape.TaskArmed!.Breakpoints;
        _safe = new TaskArmed(_tid, Armed().Breakpoints.Where(after.Contains).ToArray());
        Negotiation.Start(_host, Self, action => new TaskMsg.Continue(action), shape, done);
    }

    private PlanShape Increase(int cpu, Pool pool, TaskArmed after, Linearization? tag) =>
        new(PlanCpus(cpu), PerCpu(cpu, c => _ledger.StepUp(c, pool)), null) { TaskArmed = after, Tag = tag };

    private PlanShape Decrease(int cpu, Pool pool, TaskArmed after, Linearization? tag) =>
        new(PlanCpus(cpu), null, PerCpu(cpu, c => new[] { _ledger.StepDown(c, pool) })) { TaskArmed = after, Tag = tag };

    // A breakpoint on one CPU touches that CPU; one on every CPU touches them all.
    private int[] PlanCpus(int cpu) => cpu >= 0 ? [cpu] : _host.AllCpus;

    // The plan's change per CPU: one for a single CPU, or for every CPU one that applies to all of them (a plan's length-1
    // array) while the task's counts are the same everywhere, else one per CPU.
    private T[] PerCpu<T>(int cpu, Func<int, T> change) =>
        cpu >= 0 ? [change(cpu)] : !_ledger.HasCpuBoundCounts ? [change(0)] : _host.AllCpus.Select(change).ToArray();
}
