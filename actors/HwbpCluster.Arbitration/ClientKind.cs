namespace HwbpCluster.Arbitration;

/// <summary>The four kinds of client that ask for hardware breakpoints.</summary>
public enum ClientKind
{
    /// <summary>A debugger through ptrace (gdb, lldb): task-wide, pinned, never kernel addresses.</summary>
    Ptrace = 0,

    /// <summary>The kernel debugger: wide (every CPU, all or nothing) on kernel addresses, privileged.</summary>
    Kgdb = 1,

    /// <summary>A KVM guest that borrows a CPU's whole register file while it runs.</summary>
    Kvm = 2,

    /// <summary>perf breakpoint events: pinned or flexible (multiplexed), per task or per CPU.</summary>
    Perf = 3,
}
