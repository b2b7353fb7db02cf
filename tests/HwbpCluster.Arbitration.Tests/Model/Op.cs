namespace HwbpCluster.Arbitration.Tests.Model;

/// <summary>One random step against a host: what to do and its small integer arguments.</summary>
internal sealed record Op(OpKind Kind, int A, int B, bool Flag)
{
    public override string ToString() => $"{Kind}({A},{B},{Flag})";
}
