using HwbpCluster.Hosts.Internal.Runtime;
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
                if (_runningCpu >= 0 && _runningCpu != runOn.Cpu)
                {
                    // Moved or displaced: the old CPU stops arming this task's list before any later change of this task is
                    // decided, even if the switch this actor sent it arrives after the host's Idle (a uniform task's change
                    // reaches no CPU but the one it runs on; ignored where another task already switched in).
                    _host.Cpus[_runningCpu].Tell(new CpuMsg.Idle(_tid));
                }

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

    // The current negotiation is over: arm the running CPU with the outcome, then answer (so whoever hears the answer meets the
    // CPU armed as it says: a plan the summary decides alone reaches no CPU until this Rearm), then take the next stashed change.
    private void Done(Action? answer = null)
    {
        // Before the next negotiation starts: a switch made while this one was undecided got the safe list only.
        _safe = null;
        if (_perCpu && (IsEmpty || _exited))
        {
            // Counted nowhere now: the task's next change is a uniform one again, in the summary. Every decision of this
            // task's plans is already sent to the CPUs, so they apply it before anything the summary allows after this.
            _perCpu = false;
            _host.Summary!.Tell(new CpuMsg.MovedBack());
        }

        Rearm();
        answer?.Invoke();
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
        var before = Armed().Breakpoints;
        var after = shape.TaskArmed!.Breakpoints;
        _safe = new TaskArmed(_tid, before.Where(after.Contains).ToArray());
        if (shape.Cpus.Length == 0 && _runningCpu >= 0 && _safe.Breakpoints.Count < before.Count)
        {
            // A summary-only plan reaches no CPU: the running CPU disarms what leaves before the summary can give its room
            // away (a Tell in process enqueues at once, so this is queued there before anything that room allows).
            _host.Cpus[_runningCpu].Tell(new CpuMsg.Rearm(_safe));
        }

        Negotiation.Start(_host, Self, action => new TaskMsg.Continue(action), shape, done);
    }
}
