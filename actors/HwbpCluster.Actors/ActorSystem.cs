using System.Collections.Concurrent;
using HwbpCluster.Actors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HwbpCluster.Actors;

/// <summary>A set of actors sharing a clock, dead letters and a way of running mailboxes.</summary>
/// <remarks>
/// <see cref="Create"/> gives the production system (mailboxes drained by the thread pool);
/// <see cref="DeterministicActorSystem"/> runs everything on the calling thread in a seeded order and virtual time.
/// </remarks>
public abstract partial class ActorSystem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActorCellBase> _topLevel = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _deadLetters;
    private long _autoNames;
    private long _askIds;
    private int _terminating;

    private protected ActorSystem(string name, TimeProvider time, ILoggerFactory? loggerFactory, ActorSystemOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(time);
        Name = name;
        Time = time;
        Options = options ?? new ActorSystemOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Throughput, 1, nameof(options));
        ArgumentNullException.ThrowIfNull(Options.GuardianStrategy, nameof(options));
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("HwbpCluster.Actors." + name);
    }

    /// <summary>Raised for every dead letter, on the thread that sent it.</summary>
    public event EventHandler<DeadLetter>? DeadLetterPublished;

    /// <summary>Raised for every failure with the supervisor's decision, on the supervisor's turn.</summary>
    public event EventHandler<ActorFailure>? ActorFailed;

    /// <summary>The system's name (used in logs).</summary>
    public string Name { get; }

    /// <summary>The clock every timer, Ask timeout and restart window uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Messages that could not be delivered so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetters);

    /// <summary>Completes when <see cref="TerminateAsync"/> has stopped every actor.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ActorSystemOptions Options { get; }

    internal ILogger Logger { get; }

    /// <summary>Creates a production system whose mailboxes are drained by the thread pool.</summary>
    /// <param name="name">The system's name.</param>
    /// <param name="time">The clock for timers and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Where failures and restarts are logged; nowhere when null.</param>
    /// <param name="options">Throughput and guardian strategy; defaults when null.</param>
    public static ActorSystem Create(
        string name, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, ActorSystemOptions? options = null) =>
        new ThreadPoolActorSystem(name, time ?? TimeProvider.System, loggerFactory, options);

    /// <summary>Creates a top-level actor; see <see cref="IActorContext{TMessage}.Spawn"/>.</summary>
    public IActorRef<TMessage> Spawn<TMessage>(Func<Actor<TMessage>> factory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (Volatile.Read(ref _terminating) != 0)
        {
            throw new InvalidOperationException($"Actor system '{Name}' is terminating.");
        }

        name ??= "$" + Interlocked.Increment(ref _autoNames).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ActorCellBase.ValidateName(name);
        var cell = new ActorCell<TMessage>(this, null, "/user/" + name, name, factory);
        if (!_topLevel.TryAdd(name, cell))
        {
            throw new ArgumentException($"A top-level actor named '{name}' is alive.", nameof(name));
        }

        cell.Start();
        return cell;
    }

    /// <summary>Stops an actor after the message it is handling; its children stop first.</summary>
    public void Stop(IActorRef actor) => ActorCellBase.Resolve(actor).PostSystem(SystemMessage.Stop);

    /// <summary>Stops every actor and completes when all have stopped.</summary>
    public virtual Task TerminateAsync()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            // In name order, not the dictionary's hash order, so a deterministic run terminates the same way in every process.
            foreach (var cell in _topLevel.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                cell.PostSystem(SystemMessage.Stop);
            }

            CompleteIfDone();
        }

        return _terminated.Task;
    }

    /// <summary>Same as <see cref="TerminateAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await TerminateAsync();
        GC.SuppressFinalize(this);
    }

    internal abstract Mailbox<TMessage> CreateMailbox<TMessage>(ActorCell<TMessage> cell);

    internal long NextAskId() => Interlocked.Increment(ref _askIds);

    internal void PublishDeadLetter(object? message, IActorRef recipient)
    {
        Interlocked.Increment(ref _deadLetters);
        Log.DeadLetter(Logger, recipient.Path, message?.GetType().Name ?? "null");
        if (DeadLetterPublished is { } handler)
        {
            Raise(handler, new DeadLetter(message, recipient));
        }
    }

    internal void PublishFailure(IActorRef actor, Exception exception, Directive directive)
    {
        Log.ActorFailed(Logger, exception, actor.Path, directive);
        if (ActorFailed is { } handler)
        {
            Raise(handler, new ActorFailure(actor, exception, directive));
        }
    }

    internal void OnTopLevelTerminated(ActorCellBase cell)
    {
        _topLevel.TryRemove(new KeyValuePair<string, ActorCellBase>(cell.Name, cell));
        CompleteIfDone();
    }

    // A throwing subscriber must not take down the mailbox runner that raised the event.
    private void Raise<T>(EventHandler<T> handler, T args)
    {
        try
        {
            handler(this, args);
        }
        catch (Exception ex)
        {
            Log.SubscriberFailed(Logger, ex, typeof(T).Name);
        }
    }

    private void CompleteIfDone()
    {
        if (Volatile.Read(ref _terminating) != 0 && _topLevel.IsEmpty)
        {
            _terminated.TrySetResult();
        }
    }
}
