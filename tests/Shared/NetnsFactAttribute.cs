namespace HwbpCluster.Testing;

/// <summary>A fact that needs network namespaces and veth pairs (root on Linux), else skips saying why.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute() => Skip = NetworkNamespaces.UnlessAvailable();
}
