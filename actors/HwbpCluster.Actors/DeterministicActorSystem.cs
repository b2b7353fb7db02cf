using System.Collections.Concurrent;
using HwbpCluster.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Actors;

/// <summary>An actor system for tests: one thread, a seeded choice of the next ready mailbox, virtual time.</summary>
/// <remarks>
/// Nothing runs until the test drives it (<see cref="Step"/>, <see cref="RunUntilIdle"/>, <see cref="RunUntilQuiescent"/>,
/// <see cref="Run{T}(Task{T}, long)"/>, <see cref="AdvanceTime"/>). Each step handles exactly one message of one
/// ready mailbox chosen by the seeded <see cref="Random"/> (Ask replies are scheduled the same way); when none is
/// ready, a step moves virtual time to the earliest timer and fires it. The same seed and the same test code give
/// the same run. Drive it from one thread at a time and do not await inside a run: read a task's result after
/// the run, or use <see cref="Run{T}(Task{T}, long)"/>.
/// </remarks>
public sealed partial class DeterministicActorSystem : ActorSystem
{
    private readonly List<ISchedulable> _ready = [];
    private readonly Random _random;
    private readonly VirtualClock _clock;
    private readonly ConcurrentQueue<Action> _external = new();
    private List<TraceStep>? _trace;
    private bool _running;

    /// <summary>Creates a deterministic system.</summary>
    /// <param name="seed">Chooses the interleaving; the same seed replays the same run.</param>
    /// <param name="options">Guardian strategy (throughput does not apply); defaults when null.</param>
    /// <param name="loggerFactory">Where failures are logged; nowhere when null.</param>
    /// <param name="start">The virtual wall-clock time at step 0; 2026-01-01 UTC when null.</param>
    public DeterministicActorSystem(
        int seed, ActorSystemOptions? options = null, ILoggerFactory? loggerFactory = null, DateTimeOffset? start = null)
        : base("deterministic-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new VirtualClock(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), loggerFactory, options)
    {
        Seed = seed;
        _random = new Random(seed);
        _clock = (VirtualClock)Time;
    }

    /// <summary>The seed this run was created with.</summary>
    public int Seed { get; }

    /// <summary>Steps taken so far (messages handled plus timers fired).</summary>
    public long StepCount { get; private set; }

    /// <summary>Virtual time since the system was created.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(_clock.NowTicks);

    /// <summary>Mailboxes (and Ask replies) with a message ready to handle.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Whether steps are recorded in <see cref="Trace"/>; off by default because it boxes each message.</summary>
    public bool RecordTrace
    {
        get => _trace is not null;
        set => _trace = value ? _trace ?? [] : null;
    }

    /// <summary>The recorded steps (empty unless <see cref="RecordTrace"/> is on).</summary>
    public IReadOnlyList<TraceStep> Trace => _trace ?? (IReadOnlyList<TraceStep>)[];

    internal override Mailbox<TMessage> CreateMailbox<TMessage>(ActorCell<TMessage> cell) =>
        new DeterministicMailbox<TMessage>(cell, this);

    internal void MarkReady(ISchedulable item)
    {
        if (item.ReadyIndex < 0)
        {
            item.ReadyIndex = _ready.Count;
            _ready.Add(item);
        }
    }

    internal void Post(Action action) => _external.Enqueue(action);

    internal void Record(IActorRef actor, object? message) =>
        _trace?.Add(new TraceStep(StepCount, Elapsed, actor.Path, message ?? "null"));
}
