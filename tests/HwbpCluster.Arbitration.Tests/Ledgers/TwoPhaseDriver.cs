using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Tests.Model;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

/// <summary>
/// Plays the actors' negotiation on bare ledgers: a request prepares on every CPU it needs, then commits or aborts later,
/// interleaved with other requests and releases. Checks each answer against the reference model of the committed state
/// (Refuse ⇔ no fit) and of committed plus in-flight state (Admit ⇔ fit), and that no CPU ever exceeds its slots.
/// With deadlines (fleet holds), every held request also has a deadline in a <see cref="HeldRequests"/> book on a virtual
/// clock that each step advances: a commit goes through the book (too late: aborted instead), and expired holds are aborted.
/// With the summary (see TwoPhaseDriver.Summary.cs), the ledgers are split as the host actors split them.
/// </summary>
internal sealed partial class TwoPhaseDriver
{
    private readonly ArchProfile _profile;
    private readonly CpuLedger[] _cpus;
    private readonly Dictionary<long, TaskLedger> _tasks = [];
    private readonly List<Request> _inFlight = [];
    private readonly List<Request> _committed = [];
    private readonly HeldRequests? _book;
    private long _nextId = 1;
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    public TwoPhaseDriver(ArchProfile profile, bool deadlines = false, bool summary = false)
    {
        _profile = profile;
        _book = deadlines ? new HeldRequests() : null;
        _summary = summary ? new SummaryLedger(profile) : null;
        _cpus = Enumerable.Range(0, profile.CpuCount).Select(c => new CpuLedger(profile, c)).ToArray();
    }

    public int Admitted { get; private set; }

    public int Waited { get; private set; }

    public int Refused { get; private set; }

    /// <summary>Holds given back because their deadline passed (deadlines only).</summary>
    public int Expired { get; private set; }

    /// <summary>Commits that came at or after their hold's deadline and aborted instead (deadlines only).</summary>
    public int TooLate { get; private set; }

    public void Step(Op op)
    {
        if (_book is not null)
        {
            // The expiry timer fires on some steps only: a commit may reach a hold whose deadline passed but was not yet swept.
            _now += TimeSpan.FromMilliseconds(op.B % 3);
            foreach (var id in op.A % 2 == 0 ? _book.Expire(_now) : [])
            {
                Expired++;
                Decide(_inFlight.Single(r => r.Id == id), commit: false);
            }

            AssertSafe();
        }

        switch ((int)op.Kind % 4)
        {
            case 0:
                Start(op);
                break;
            case 1 when _inFlight.Count > 0:
                Finish(_inFlight[op.A % _inFlight.Count], commit: true);
                break;
            case 2 when _inFlight.Count > 0:
                Finish(_inFlight[op.A % _inFlight.Count], commit: false);
                break;
            case 3 when _committed.Count > 0:
                Release(_committed[op.A % _committed.Count]);
                break;
            default:
                Start(op);
                break;
        }

        AssertSafe();
    }

    public void AbortAll()
    {
        foreach (var request in _inFlight.ToArray())
        {
            Finish(request, commit: false);
        }

        Assert.Equal(0, _book?.Count ?? 0);

        Assert.Equal(0, _summary?.PendingHolds ?? 0);
        foreach (var cpu in _cpus)
        {
            Assert.Equal(0, cpu.PendingHolds);
            foreach (var pool in new[] { Pool.Instruction, Pool.Data })
            {
                Assert.Equal(cpu.CpuPinned(pool) + cpu.MaxTaskCount(pool), cpu.ProjectedWorstCase(pool));
            }
        }

        AssertSafe();
    }

    private void Start(Op op)
    {
        var pool = _profile.PoolOf(op.Flag ? Access.Execute : Access.Write);
        var task = 1 + (op.B % 5);
        var scope = (op.A % 4) switch
        {
            0 => Scope.OnCpu(op.B % _profile.CpuCount),
            1 => Scope.AllCpus,
            2 => Scope.ForTaskOnCpu(task, op.A % _profile.CpuCount),
            _ => Scope.ForTask(task),
        };
        if (scope.IsTaskBound && (_inFlight.Exists(r => r.Scope.IsTaskBound && r.Scope.TaskId == task)))
        {
            return;
        }

        if (_summary is not null && scope.Kind == ScopeKind.TaskOnCpu && !_perCpu.Contains(task) && !MoveToCpus(task))
        {
            return;
        }

        var request = new Request(_nextId++, scope, pool);
        var decisions = SummaryPrepare(request)
            .Concat(CpusOf(request).Select(c => _cpus[c].Prepare(request.Id, Change(request, c, up: true)))).ToArray();
        var fitsCommitted = Model(_committed).Fits(scope, pool);
        var fitsWorstCase = Model(_committed.Concat(_inFlight)).Fits(scope, pool);
        Assert.Equal(!fitsCommitted, decisions.Contains(HoldDecision.Refuse));
        Assert.Equal(fitsWorstCase, decisions.All(d => d == HoldDecision.Admit));
        if (decisions.All(d => d == HoldDecision.Admit))
        {
            Admitted++;
            _inFlight.Add(request);
            _book?.Hold(request.Id, _now + TimeSpan.FromMilliseconds(1 + (op.A % 6)));
            return;
        }

        if (decisions.Contains(HoldDecision.Refuse))
        {
            Refused++;
        }
        else
        {
            Waited++;
        }

        _summary?.Abort(request.Id);
        foreach (var cpu in CpusOf(request))
        {
            _cpus[cpu].Abort(request.Id);
        }
    }

    private void Finish(Request request, bool commit)
    {
        if (_book is not null && !commit)
        {
            Assert.True(_book.Abort(request.Id));
        }
        else if (_book is not null)
        {
            var verdict = _book.Commit(request.Id, _now);
            Assert.NotEqual(HoldVerdict.Unknown, verdict);
            if (verdict == HoldVerdict.Expired)
            {
                TooLate++;
                commit = false;
            }
        }

        Decide(request, commit);
    }

    // Carries out a decision on every CPU of the request.
    private void Decide(Request request, bool commit)
    {
        if (UsesSummary(request))
        {
            Assert.True(commit ? _summary!.Commit(request.Id) : _summary!.Abort(request.Id));
        }

        foreach (var cpu in CpusOf(request))
        {
            Assert.True(commit ? _cpus[cpu].Commit(request.Id) : _cpus[cpu].Abort(request.Id));
        }

        _inFlight.Remove(request);
        if (commit)
        {
            _committed.Add(request);
            if (request.Scope.IsTaskBound)
            {
                TaskOf(request.Scope.TaskId).Add(new TaskBreakpoint(request.Id, request.Pool, request.Scope.Kind == ScopeKind.TaskOnCpu ? request.Scope.Cpu : -1, true));
            }
        }
    }

    private void Release(Request request)
    {
        if (request.Scope.IsTaskBound && _inFlight.Exists(r => r.Scope.IsTaskBound && r.Scope.TaskId == request.Scope.TaskId))
        {
            return;
        }

        SummaryRelease(request);
        foreach (var cpu in CpusOf(request))
        {
            _cpus[cpu].Release(Change(request, cpu, up: false));
        }

        _committed.Remove(request);
        if (request.Scope.IsTaskBound)
        {
            _tasks[request.Scope.TaskId].Remove(request.Id, out _);
            LeftCpus(request.Scope.TaskId);
        }
    }

    private void AssertSafe()
    {
        var model = Model(_committed);
        foreach (var cpu in _cpus)
        {
            foreach (var pool in new[] { Pool.Instruction, Pool.Data })
            {
                var c = cpu.Cpu;
                var worst = Math.Max(cpu.ProjectedWorstCase(pool), _summary?.ProjectedWorstCase(c, pool) ?? 0);
                Assert.True(worst <= cpu.Slots(pool), $"cpu {c} {pool} worst case over its slots");
                Assert.Equal(model.CpuPinned(c, pool), cpu.CpuPinned(pool));
                Assert.Equal(model.MaxCnt(c, pool), Math.Max(cpu.MaxTaskCount(pool), _summary?.MaxUniformCount(pool) ?? 0));
                if (_summary is not null)
                {
                    Assert.Equal(model.CpuPinned(c, pool), _summary.CpuPinned(c, pool));
                }
            }
        }
    }

    private LedgerChange Change(Request request, int cpu, bool up)
    {
        if (!request.Scope.IsTaskBound)
        {
            return up ? LedgerChange.AddCpuBound(request.Pool, request.Id) : LedgerChange.RemoveCpuBound(request.Pool, request.Id);
        }

        var task = TaskOf(request.Scope.TaskId);
        return up ? task.StepUp(cpu, request.Pool) : task.StepDown(cpu, request.Pool);
    }

    private IEnumerable<int> Cpus(Scope scope) =>
        scope.Kind is ScopeKind.Cpu or ScopeKind.TaskOnCpu ? [scope.Cpu] : Enumerable.Range(0, _profile.CpuCount);

    private TaskLedger TaskOf(long task)
    {
        if (!_tasks.TryGetValue(task, out var ledger))
        {
            ledger = new TaskLedger(task);
            _tasks.Add(task, ledger);
        }

        return ledger;
    }

    private ReferenceHost Model(IEnumerable<Request> requests)
    {
        var model = new ReferenceHost(_profile);
        foreach (var request in requests)
        {
            model.ForceAdd(request.Id, request.Scope, request.Pool);
        }

        return model;
    }

    private sealed record Request(long Id, Scope Scope, Pool Pool);
}
