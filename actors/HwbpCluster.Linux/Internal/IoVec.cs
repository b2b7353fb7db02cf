namespace HwbpCluster.Linux.Internal;

/// <summary>struct iovec: a base address and a length.</summary>
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}
