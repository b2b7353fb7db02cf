using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One negotiation's coordinator state: the optimistic round's answers, then the chain if it must fall back.</summary>
internal sealed class NegotiationRun(HostContext host, PlanShape shape, Action<NegotiationOutcome> done)
{
    private Plan _plan = null!;
    private int _answers;
    private List<int>? _held;
    private NegotiationResult? _refusal;
    private bool _busy;

    // The summary let this plan run on the CPUs: it must be told when the plan is over.
    private bool _onCpus;

    public IActorRef<NegotiationResult> Coordinator { get; set; } = null!;

    /// <summary>Starts the negotiation: a CPU-bound plan's first step goes to the summary alone (which may decide it there),
    /// any other plan of several ledgers starts with the optimistic round, a plan of one ledger is one step.</summary>
    public void Start()
    {
        if (shape.CpuBound)
        {
            Begin(fanOut: false, routing: true);
            return;
        }

        Begin(fanOut: shape.Length > 1);
    }

    private void Begin(bool fanOut, bool routing = false)
    {
        _plan = new Plan
        {
            TxId = host.NextTxId(),
            Cpus = shape.Cpus,
            Refs = host.Cpus,
            SummaryRef = host.Summary,
            Summary = shape.Summary,
            Coordinator = Coordinator,
            Increases = shape.Increases,
            Decreases = shape.Decreases,
            // A held plan must stop after the prepare even on one ledger: its commit is decided outside the host.
            OneStep = shape.Length == 1 && shape.OnHeld is null,
            FanOut = fanOut,
            Routing = routing,
            HeldOutside = shape.OnHeld is not null,
            Effect = shape.Effect,
            TaskArmed = shape.TaskArmed,
            Tag = shape.Tag,
        };
        if (!fanOut)
        {
            _plan.RefAt(0).Tell(new CpuMsg.Chain(_plan, 0));
            return;
        }

        _answers = 0;
        _held = new List<int>(_plan.Length);
        _refusal = null;
        _busy = false;
        for (var i = 0; i < _plan.Length; i++)
        {
            _plan.RefAt(i).Tell(new CpuMsg.Chain(_plan, i));
        }
    }

    public void OnResult(NegotiationResult result)
    {
        if (result.TxId != _plan.TxId)
        {
            return;
        }

        if (_plan.Routing)
        {
            Routed(result);
            return;
        }

        if (!_plan.FanOut)
        {
            Finish(result);
            return;
        }

        switch (result.Kind)
        {
            case NegotiationResultKind.Held:
                _held!.Add(result.RefusedIndex);
                break;
            case NegotiationResultKind.Refused when _refusal is null || result.Cpu < _refusal.Cpu:
                // The lowest refusing CPU, as the pure core finds it: kgdb picks its victims there.
                _refusal = result;
                break;
            case NegotiationResultKind.Refused:
                break;
            default:
                _busy = true;
                break;
        }

        if (++_answers < _plan.Length)
        {
            return;
        }

        if (_refusal is null && !_busy)
        {
            AllHeld();
            return;
        }

        foreach (var index in _held!)
        {
            _plan.RefAt(index).Tell(new CpuMsg.Decide(_plan.TxId, Commit: false));
        }

        if (_refusal is { } refusal)
        {
            End(new NegotiationOutcome(false, refusal.Holders, refusal.Cpu));
        }
        else
        {
            Begin(fanOut: false);
        }
    }

    // The summary's answer to a routing step: decided there alone (committed or refused), or the plan runs on every ledger.
    private void Routed(NegotiationResult result)
    {
        switch (result.Kind)
        {
            case NegotiationResultKind.NeedsCpus:
                _onCpus = true;
                Begin(fanOut: true);
                break;
            case NegotiationResultKind.Committed:
                done(new NegotiationOutcome(true, string.Empty, -1));
                break;
            default:
                done(new NegotiationOutcome(false, result.Holders, result.Cpu));
                break;
        }
    }

    // The plan is over and every decision of it is sent: the summary may decide CPU-bound plans alone again once it hears so.
    private void End(NegotiationOutcome outcome)
    {
        if (_onCpus)
        {
            _plan.SummaryRef!.Tell(new CpuMsg.CpuPlanDone());
        }

        done(outcome);
    }

    private void Finish(NegotiationResult result)
    {
        switch (result.Kind)
        {
            case NegotiationResultKind.AllHeld:
                AllHeld();
                break;
            case NegotiationResultKind.Committed:
                End(new NegotiationOutcome(true, string.Empty, -1));
                break;
            default:
                for (var i = 0; i < result.RefusedIndex; i++)
                {
                    _plan.RefAt(i).Tell(new CpuMsg.Decide(_plan.TxId, Commit: false));
                }

                End(new NegotiationOutcome(false, result.Holders, result.Cpu));
                break;
        }
    }

    // Every CPU holds: commit now, or (a held plan) hand the decision to whoever holds it, exactly once.
    private void AllHeld()
    {
        if (shape.OnHeld is not { } onHeld)
        {
            Commit();
            return;
        }

        var decided = false;
        onHeld(commit =>
        {
            if (decided)
            {
                return;
            }

            decided = true;
            if (commit)
            {
                Commit();
            }
            else
            {
                AbortAll();
            }
        });
    }

    private void AbortAll()
    {
        for (var i = 0; i < _plan.Length; i++)
        {
            _plan.RefAt(i).Tell(new CpuMsg.Decide(_plan.TxId, Commit: false));
        }

        End(new NegotiationOutcome(false, "aborted by its coordinator", -1));
    }

    private void Commit()
    {
        host.Linearized(_plan.Tag, succeeded: true);

        // Last position first, the summary last of all: each CPU has its disarm queued before the summary can give the
        // room of a leaving breakpoint to a request whose arming would reach that CPU (a Tell in process enqueues at once).
        for (var i = _plan.Length - 1; i >= 0; i--)
        {
            _plan.RefAt(i).Tell(new CpuMsg.Decide(_plan.TxId, Commit: true));
        }

        End(new NegotiationOutcome(true, string.Empty, -1));
    }
}
