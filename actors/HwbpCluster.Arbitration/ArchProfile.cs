namespace HwbpCluster.Arbitration;

/// <summary>The debug-register shape of one host: architecture, CPU count, slots per pool, where kernel space starts.</summary>
/// <remarks>Every slot count in the arbitration core comes from here; nothing hard-codes 4.</remarks>
public sealed class ArchProfile
{
    /// <summary>Largest CPU count a profile accepts.</summary>
    public const int MaxCpus = 1024;

    /// <summary>Largest slot count per pool (arm64 has at most 16 breakpoint and 16 watchpoint pairs).</summary>
    public const int MaxSlotsPerPool = 16;

    /// <summary>First kernel address on x86-64 with 4-level paging (TASK_SIZE_MAX).</summary>
    public const ulong X86KernelSpaceStart = 0x7FFF_FFFF_F000;

    /// <summary>First kernel (TTBR1) address on arm64 with 48-bit virtual addresses.</summary>
    public const ulong Arm64KernelSpaceStart = 0xFFFF_0000_0000_0000;

    /// <summary>First kernel address on ppc64 (the linear map at 0xC000...).</summary>
    public const ulong PowerKernelSpaceStart = 0xC000_0000_0000_0000;

    private ArchProfile(Architecture architecture, int cpuCount, int instructionSlots, int dataSlots, ulong kernelSpaceStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuCount, MaxCpus);
        ArgumentOutOfRangeException.ThrowIfNegative(instructionSlots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(instructionSlots, MaxSlotsPerPool);
        ArgumentOutOfRangeException.ThrowIfLessThan(dataSlots, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataSlots, MaxSlotsPerPool);
        Architecture = architecture;
        CpuCount = cpuCount;
        InstructionSlots = instructionSlots;
        DataSlots = dataSlots;
        KernelSpaceStart = kernelSpaceStart;
    }

    /// <summary>The architecture whose rules apply.</summary>
    public Architecture Architecture { get; }

    /// <summary>Number of CPUs, numbered 0 to CpuCount − 1.</summary>
    public int CpuCount { get; }

    /// <summary>Slots per CPU in the instruction pool (0 on x86-64, whose single pool is the data pool, and on POWER).</summary>
    public int InstructionSlots { get; }

    /// <summary>Slots per CPU in the data pool (x86-64: the shared pool of 4).</summary>
    public int DataSlots { get; }

    /// <summary>Lowest kernel address: a range that reaches it is kernel space.</summary>
    public ulong KernelSpaceStart { get; }

    /// <summary>True when execute and data breakpoints share one pool (x86-64).</summary>
    public bool SharedPool => Architecture == Architecture.X86_64;

    /// <summary>x86-64: one shared pool of 4 slots per CPU.</summary>
    public static ArchProfile X86_64(int cpuCount) => new(Architecture.X86_64, cpuCount, 0, 4, X86KernelSpaceStart);

    /// <summary>arm64: separate pools, by default 6 breakpoints and 4 watchpoints per CPU (each 1 to 16).</summary>
    public static ArchProfile Arm64(int cpuCount, int instructionSlots = 6, int dataSlots = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instructionSlots, 1);
        return new(Architecture.Arm64, cpuCount, instructionSlots, dataSlots, Arm64KernelSpaceStart);
    }

    /// <summary>POWER9: one data slot (DAWR0), no instruction slots.</summary>
    public static ArchProfile Ppc64P9(int cpuCount) => new(Architecture.Ppc64P9, cpuCount, 0, 1, PowerKernelSpaceStart);

    /// <summary>POWER10: two data slots (DAWR0, DAWR1), no instruction slots.</summary>
    public static ArchProfile Ppc64P10(int cpuCount) => new(Architecture.Ppc64P10, cpuCount, 0, 2, PowerKernelSpaceStart);

    /// <summary>The pool an access kind is accounted in: x86-64 puts everything in its shared (data) pool.</summary>
    public Pool PoolOf(Access access) => SharedPool || access != Access.Execute ? Pool.Data : Pool.Instruction;

    /// <summary>Slots per CPU in <paramref name="pool"/>.</summary>
    public int Slots(Pool pool) => pool == Pool.Instruction ? InstructionSlots : DataSlots;

    /// <summary>The pool's name for messages: "shared" on x86-64, else "instruction" or "data".</summary>
    public string PoolName(Pool pool) => SharedPool ? "shared" : pool == Pool.Instruction ? "instruction" : "data";

    /// <summary>True when the byte range [address, address + length − 1] reaches kernel space.</summary>
    public bool IsKernelRange(ulong address, int length)
    {
        var last = length <= 1 ? address : address + (ulong)(length - 1);
        return address >= KernelSpaceStart || last >= KernelSpaceStart || last < address;
    }

    /// <summary>Short text such as <c>X86_64 x 64 cpus (4 shared)</c>.</summary>
    public override string ToString() => SharedPool
        ? $"{Architecture} x {CpuCount} cpus ({DataSlots} shared)"
        : $"{Architecture} x {CpuCount} cpus ({InstructionSlots} instruction, {DataSlots} data)";
}
