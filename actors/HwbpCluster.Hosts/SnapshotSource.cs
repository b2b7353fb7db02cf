namespace HwbpCluster.Hosts;

/// <summary>Where a <see cref="HostSnapshot"/>'s slot files, DR7 images and counts come from.</summary>
public enum SnapshotSource
{
    /// <summary>The backend's own register images (the simulated backend).</summary>
    Registers,

    /// <summary>HwbpCluster's accounting of what it asked the kernel for: the real registers cannot be read (Linux user space).</summary>
    Accounting,
}
