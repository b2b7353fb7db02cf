using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>One breakpoint over a whole process: every thread it has now, and every thread or child it creates later.</summary>
/// <remarks>
/// <para>Each existing thread gets an inherited event on every CPU (the kernel maps no ring for an inherited event on all
/// CPUs at once), so whatever an armed thread creates later is covered by the kernel at clone time and named by a FORK
/// record (<see cref="HitNoticeKind.ThreadForked"/> once attached to a <see cref="HitReader"/>).</para>
/// <para>The listing of /proc/PID/task races with thread creation (LINUX.md §4, option b): the threads are re-listed until a
/// pass finds none that is neither armed nor named by a FORK record in the rings already open (those inherited: arming
/// them too would count every hit twice and take a second slot, so a thread found to have inherited after it was armed
/// is disarmed). A thread created by one not yet armed has no FORK record and is armed on the next pass. A thread that
/// exits before it is armed is skipped.</para>
/// <para>Left open: a clone in the microseconds between one thread's per-CPU opens inherits only the CPUs opened so far.</para>
/// </remarks>
public sealed class ProcessBreakpoints : IDisposable
{
    private const int MaxPasses = 1_000;

    private readonly List<PerfBreakpoint> _events;

    private ProcessBreakpoints(int pid, List<PerfBreakpoint> events, IReadOnlySet<int> armed)
    {
        Pid = pid;
        _events = events;
        ArmedThreads = armed;
    }

    /// <summary>The process.</summary>
    public int Pid { get; }

    /// <summary>One event per (armed thread, CPU); attach each to a reader to stream hits, forks and exits.</summary>
    public IReadOnlyList<PerfBreakpoint> Events => _events;

    /// <summary>The threads that got events of their own (the others inherit them).</summary>
    public IReadOnlySet<int> ArmedThreads { get; }

    /// <summary>Arms every thread of <paramref name="pid"/> on CPUs 0 to <paramref name="cpuCount"/> - 1, all or nothing.</summary>
    /// <exception cref="PerfException">The kernel refused (the events opened so far are closed), or the process does not exist.</exception>
    public static ProcessBreakpoints Open(int pid, BreakpointSpec spec, int cpuCount, PerfBreakpointOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        options = (options ?? PerfBreakpointOptions.Default) with { Inherit = true, CountOnly = false };
        var events = new Dictionary<int, List<PerfBreakpoint>>();
        var inherited = new ForkCollector();
        try
        {
            for (int pass = 0; pass < MaxPasses; pass++)
            {
                // List first, then read the FORK records: a thread listed was cloned before, so if it inherited, its record
                // is written by now (the kernel writes it as the clone completes, so it is also checked for armed threads).
                IReadOnlyList<int> listed = LinuxThreads.ListThreads(pid);
                foreach (PerfBreakpoint e in events.Values.SelectMany(list => list))
                {
                    e.Ring?.Peek(inherited);
                }

                List<int> twice = [.. events.Keys.Where(inherited.Forked.Contains)];
                twice.ForEach(tid => Disarm(events, tid));
                List<int> fresh = [.. listed.Where(t => !events.ContainsKey(t) && !inherited.Forked.Contains(t))];
                if (fresh.Count == 0 && twice.Count == 0)
                {
                    return new ProcessBreakpoints(pid, [.. events.Values.SelectMany(list => list)], events.Keys.ToHashSet());
                }

                foreach (int tid in fresh)
                {
                    if (TryArm(tid, spec, cpuCount, options) is { } opened)
                    {
                        events[tid] = opened;
                    }
                }
            }

            throw new PerfException(new PerfFailure(PerfErrorKind.InvalidArgument, 0, "arm process",
                $"process {pid} kept starting threads no armed thread created for {MaxPasses} passes"));
        }
        catch
        {
            foreach (int tid in events.Keys.ToList())
            {
                Disarm(events, tid);
            }

            throw;
        }
    }

    /// <summary>Closes every event (the inherited copies go with them).</summary>
    public void Dispose() => _events.ForEach(e => e.Dispose());

    // One event per CPU; null when the thread exited first (its events so far are closed).
    private static List<PerfBreakpoint>? TryArm(int tid, BreakpointSpec spec, int cpuCount, PerfBreakpointOptions options)
    {
        var opened = new List<PerfBreakpoint>(cpuCount);
        for (int cpu = 0; cpu < cpuCount; cpu++)
        {
            PerfOpenResult result = PerfBreakpoint.TryOpen(new BreakpointTarget(tid, cpu), spec, options);
            if (!result.IsSuccess)
            {
                opened.ForEach(e => e.Dispose());
                return result.Failure.Kind == PerfErrorKind.NoSuchTask ? null : throw new PerfException(result.Failure);
            }

            opened.Add(result.Breakpoint);
        }

        return opened;
    }

    // A thread armed and inherited both would count every hit twice: it keeps the inherited copy.
    private static void Disarm(Dictionary<int, List<PerfBreakpoint>> events, int tid)
    {
        events[tid].ForEach(e => e.Dispose());
        events.Remove(tid);
    }
}
