namespace HwbpCluster.Arbitration;

/// <summary>The instruction-set architectures HwbpCluster knows the debug registers of.</summary>
public enum Architecture
{
    /// <summary>x86-64: DR0–DR3 shared by execute and data breakpoints, DR6 status, DR7 control.</summary>
    X86_64 = 0,

    /// <summary>arm64: separate breakpoint (BVR/BCR) and watchpoint (WVR/WCR) register pairs.</summary>
    Arm64 = 1,

    /// <summary>POWER9: one DAWR data watchpoint, no instruction breakpoints.</summary>
    Ppc64P9 = 2,

    /// <summary>POWER10: two DAWR data watchpoints, no instruction breakpoints.</summary>
    Ppc64P10 = 3,
}
