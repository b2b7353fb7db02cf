using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Model;

/// <summary>
/// A seeded schedule of kgdb preemption, waiting requests, flexible (rotated) reservations, releases, modifies, exits and
/// time passing, each step alone on the host actors and through a <see cref="HostArbiter"/>: after every step the two must agree.
/// </summary>
internal sealed partial class SerialScheduleRunner : IDisposable
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(4);

    private readonly int _seed;
    private readonly Random _rng;
    private readonly ArchProfile _profile;
    private readonly TestHost _t;
    private readonly HostArbiter _model;
    private readonly Negotiation.RecordingProbe _probe = new();
    private readonly List<long> _tasks = [];
    private readonly List<string> _history = [];

    // Every reservation both sides know, by label: the model's id, the host's id once known, the call while it waits.
    private readonly Dictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);
    private long _nextTid = 100;
    private int _labels;

    public SerialScheduleRunner(int seed, SeededSystem system)
    {
        _seed = seed;
        _rng = new Random(seed);
        var cpus = _rng.Next(1, 4);
        _profile = _rng.Next(3) switch
        {
            0 => ArchProfile.X86_64(cpus),
            1 => ArchProfile.Arm64(cpus, instructionSlots: 2, dataSlots: 2),
            _ => ArchProfile.Ppc64P10(cpus),
        };
        _t = new TestHost(_profile, seed, _probe, slice: Slice, shared: system);
        _model = new HostArbiter(_profile);
    }

    /// <summary>What the schedules exercised, for the test's report.</summary>
    public Dictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);

    /// <summary>Null when host and model agreed after every step; else where they parted, with the seed and history.</summary>
    public string? Run()
    {
        _t.Open("gdb", ClientKind.Ptrace, privileged: false);
        _t.Open("perf", ClientKind.Perf);
        _t.Open("kgdb", ClientKind.Kgdb);
        for (var i = 0; i < _rng.Next(1, 4); i++)
        {
            _tasks.Add(_t.Spawn(++_nextTid));
        }

        for (var i = _rng.Next(10, 40); i > 0; i--)
        {
            var step = NextStep();
            _history.Add(step.ToString());
            var failure = Apply(step) ?? Compare();
            if (failure is not null)
            {
                return $"seed {_seed} ({_profile}): {step}: {failure}\nhistory:\n  {string.Join("\n  ", _history)}";
            }
        }

        Seen["cpu-bound decided by the summary alone"] = (int)_probe.Alone;
        Seen["cpu-bound run on the cpus too"] = (int)_probe.OnCpus;
        return null;
    }

    public void Dispose() => _t.Dispose();

    private void Count(string what) => Seen[what] = Seen.GetValueOrDefault(what) + 1;

    private sealed class Tracked(SerialStep step, long modelId)
    {
        public string Label { get; } = step.Label;

        public long ModelId { get; } = modelId;

        public string Session { get; } = step.Session;

        public ClientKind Client { get; } = step.Client;

        public Scope Scope { get; } = step.Scope;

        public bool Pinned { get; } = step.Pinned;

        public long HostId { get; set; }

        /// <summary>A waiting reserve's call: it ends when the request is served, released or its wait runs out.</summary>
        public Task<ReservationView>? Call { get; set; }

        /// <summary>When a waiting request's wait runs out (virtual time).</summary>
        public DateTimeOffset Deadline { get; set; }
    }
}
