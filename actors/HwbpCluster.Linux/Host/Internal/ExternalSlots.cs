namespace HwbpCluster.Linux.Host.Internal;

/// <summary>What the kernel's answers say about slots held outside HwbpCluster, per CPU (for CPU-bound breakpoints).</summary>
/// <remarks>
/// Nothing in user space lists another tool's breakpoints; but a CPU-bound open that fails with ENOSPC on CPU k while
/// HwbpCluster's own events there use u slots means at least S - u are held by someone else. That lower bound stands until
/// the kernel grants a CPU-bound breakpoint there, which proves no lower bound any more (the outsider may have left): 0.
/// </remarks>
internal sealed class ExternalSlots(int cpuCount, int slots)
{
    private readonly Lock _gate = new();
    private readonly int[] _held = new int[cpuCount];

    /// <summary>The kernel refused a CPU-bound breakpoint on <paramref name="cpu"/> while ours used <paramref name="ours"/> there.</summary>
    public void Refused(int cpu, int ours) => Update(cpu, slots - ours);

    /// <summary>The kernel granted one on <paramref name="cpu"/>: what kept HwbpCluster out no longer does.</summary>
    public void Granted(int cpu) => Update(cpu, 0);

    /// <summary>At least this many slots of <paramref name="cpu"/> are held outside HwbpCluster, as of the kernel's last answer there.</summary>
    public int On(int cpu)
    {
        lock (_gate)
        {
            return cpu >= 0 && cpu < _held.Length ? _held[cpu] : 0;
        }
    }

    /// <summary>
    /// Slots our events use on <paramref name="cpu"/> as the kernel counts them for a CPU-bound breakpoint there: the CPU's
    /// CPU-bound events plus the most task-bound events one task has there.
    /// </summary>
    public static int Ours(IEnumerable<BreakpointTarget> installed, int cpu)
    {
        int cpuBound = 0;
        var perTask = new Dictionary<int, int>();
        foreach (BreakpointTarget target in installed)
        {
            if (target.IsCpu)
            {
                cpuBound += target.Cpu == cpu ? 1 : 0;
            }
            else if (target.Cpu == -1 || target.Cpu == cpu)
            {
                perTask[target.Pid] = perTask.GetValueOrDefault(target.Pid) + 1;
            }
        }

        return cpuBound + perTask.Values.DefaultIfEmpty(0).Max();
    }

    private void Update(int cpu, int held)
    {
        lock (_gate)
        {
            if (cpu >= 0 && cpu < _held.Length)
            {
                _held[cpu] = Math.Clamp(held, 0, slots);
            }
        }
    }
}
