using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>One seeded schedule: batches of concurrent mixed operations on the host actors, each replayed through the pure core in linearization order.</summary>
internal sealed partial class ScheduleRunner : IDisposable
{
    private readonly int _seed;
    private readonly Random _rng;
    private readonly ArchProfile _profile;
    private readonly TestHost _t;
    private readonly RecordingProbe _probe = new();
    private readonly HostArbiter _model;
    private readonly Dictionary<long, LiveReservation> _live = [];
    private readonly List<long> _tasks = [];
    private readonly bool _kgdb;
    private readonly List<string> _history = [];
    private const long AnchorTid = 99;
    private const string AnchorLabel = "anchor";
    private long _nextTid = 100;
    private int _labels;
    private int _refusals;
    private int _operations;

    public ScheduleRunner(int seed, SeededSystem system)
    {
        _seed = seed;
        _rng = new Random(seed);
        var cpus = _rng.Next(2, 9);
        _profile = _rng.Next(3) switch
        {
            0 => ArchProfile.X86_64(cpus),
            1 => ArchProfile.Arm64(cpus, instructionSlots: 2, dataSlots: 2),
            _ => ArchProfile.Ppc64P10(cpus),
        };
        _kgdb = _rng.Next(2) == 0;
        _t = new TestHost(_profile, seed, _probe, shared: system);
        _probe.System = _t.System;
        _model = new HostArbiter(_profile);
    }

    /// <summary>Prepares that had to wait (in all, and in the summary ledger), uniform tasks moved into the CPU ledgers,
    /// CPU-bound plans decided by the summary alone and run on the CPUs too, refusals, and operations, for the test's report
    /// of what the schedules exercised.</summary>
    public (long Parks, long SummaryParks, long Moves, long Alone, long OnCpus, int Refusals, int Operations) Stats =>
        (_probe.Parks, _probe.SummaryParks, _probe.Moves, _probe.Alone, _probe.OnCpus, _refusals, _operations);

    /// <summary>What the run did, step by step: equal for equal seeds when the interleaving is reproducible.</summary>
    public string Trace => $"{_t.System.StepCount} steps\n{string.Join("\n", _history)}";

    /// <summary>Null when every property held; else what broke, with the seed to replay it.</summary>
    public string? Run()
    {
        _t.Open("gdb", ClientKind.Ptrace, privileged: false);
        _t.Open(_kgdb ? "kgdb" : "perf", _kgdb ? ClientKind.Kgdb : ClientKind.Perf, privileged: true);
        for (var i = 0; i < _rng.Next(2, 5); i++)
        {
            _tasks.Add(_t.Spawn(++_nextTid));
        }

        if (!_kgdb && _rng.Next(2) == 0 && Anchor() is { } anchored)
        {
            return $"seed {_seed} ({_profile}, perf): the anchor: {anchored}";
        }

        var total = _rng.Next(5, 31);
        var issued = 0;
        while (issued < total)
        {
            var batch = NewBatch(Math.Min(total - issued, _rng.Next(1, 7)));
            issued += batch.Count;
            _operations += batch.Count;
            if (RunBatch(batch) is { } failure)
            {
                return $"seed {_seed} ({_profile}, {(_kgdb ? "kgdb" : "perf")}): {failure}\nhistory:\n  {string.Join("\n  ", _history)}";
            }
        }

        return CheckLedgers() is { } broken ? $"seed {_seed} ({_profile}): {broken}\nhistory:\n  {string.Join("\n  ", _history)}" : null;
    }

    public void Dispose() => _t.Dispose();

    // In half the perf schedules (no kgdb, so no preemption to model) a task of its own keeps a task-on-CPU breakpoint for
    // the whole schedule: the summary counts a task as moved out throughout and lets every CPU-bound plan run on the CPUs,
    // whose races need the optimistic rounds, chains and parked prepares exercised. In the other schedules the summary decides
    // CPU-bound plans alone while no task is moved out, and the two ways meet whenever one moves out or back.
    private string? Anchor()
    {
        var tid = _t.Spawn(AnchorTid);
        var scope = Scope.ForTaskOnCpu(tid, 0);
        var op = new ScheduleOp
        {
            Kind = "reserve", Session = "perf", Client = ClientKind.Perf, Scope = scope, Spec = NewSpec(ClientKind.Perf, scope), Label = AnchorLabel,
        };
        _operations++;
        return RunBatch([op]);
    }

    private string? RunBatch(List<ScheduleOp> batch)
    {
        _probe.Points.Clear();
        foreach (var op in batch)
        {
            op.Task = Issue(op);
        }

        // Bounded: every request must end, with a result, within this many steps (no deadlock, no starvation).
        var steps = _t.System.RunUntilQuiescent(maxSteps: 200_000);
        if (batch.FirstOrDefault(op => !op.Task.IsCompleted) is { } stuck)
        {
            return $"{stuck} did not complete (quiescent after {steps} steps)";
        }

        if (_t.Failures.Count > 0)
        {
            return $"an actor failed: {_t.Failures[0]}";
        }

        var replayed = Replay(batch);
        _history.Add("-- batch; host: " + string.Join(", ", _t.List().Select(v => $"r{v.Id} {v.Label} {v.Scope}")));
        return replayed;
    }

    private Task Issue(ScheduleOp op) => op.Kind switch
    {
        "reserve" => _t.Host.ReserveAsync(op.Session, new ReserveCommand(op.Scope, op.Spec, true, op.Inherit, op.Label, TimeSpan.Zero)),
        "release" => _t.Host.ReleaseAsync(_live[op.Id].Session, op.Id),
        "modify" => _t.Host.ModifyAsync(_live[op.Id].Session, op.Id, op.Spec),
        "fork" => _t.Sim.ForkTaskAsync(op.Tid, op.Child),
        "exit" => _t.Sim.ExitTaskAsync(op.Tid),
        _ => _t.Sim.RunTaskAsync(op.Tid, op.Cpu),
    };

    private string? CheckLedgers()
    {
        if (LedgerComparison.Against(_t.Run(_t.Host.CountsAsync()), _model) is { } differs)
        {
            return differs + " at quiescence";
        }

        var state = _t.State();
        foreach (var cpu in state.Cpus)
        {
            var armed = cpu.Slots.Count(s => s.ReservationId != 0);
            if (armed > _profile.InstructionSlots + _profile.DataSlots)
            {
                return $"cpu {cpu.Cpu} arms {armed} slots";
            }
        }

        return null;
    }
}
