namespace HwbpCluster.Testing;

/// <summary>A fact about machines that accept hardware breakpoints and never fire them; elsewhere it skips saying so.</summary>
public sealed class SilentHardwareFactAttribute : FactAttribute
{
    public SilentHardwareFactAttribute() => Skip = HardwareProbe.UnlessSilent();
}
