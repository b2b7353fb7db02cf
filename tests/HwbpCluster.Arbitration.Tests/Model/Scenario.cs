using FsCheck;
using FsCheck.Fluent;

namespace HwbpCluster.Arbitration.Tests.Model;

/// <summary>A random profile and a random sequence of operations, with generators for both.</summary>
internal sealed record Scenario(string Profile, int Cpus, int InstructionSlots, int DataSlots, Op[] Ops)
{
    public ArchProfile CreateProfile() => Profile switch
    {
        "x86_64" => ArchProfile.X86_64(Cpus),
        "arm64" => ArchProfile.Arm64(Cpus, InstructionSlots, DataSlots),
        "ppc64-p9" => ArchProfile.Ppc64P9(Cpus),
        _ => ArchProfile.Ppc64P10(Cpus),
    };

    public override string ToString() => $"{Profile} x{Cpus} ({InstructionSlots}/{DataSlots}): {string.Join(" ", Ops.Select(o => o.ToString()))}";

    public static Gen<Scenario> Generator(int maxOps, OpKind[] kinds) =>
        from profile in Gen.Elements("x86_64", "arm64", "ppc64-p9", "ppc64-p10")
        from cpus in Gen.Frequency((6, Gen.Choose(1, 4)), (2, Gen.Choose(5, 16)), (1, Gen.Constant(64)))
        from instruction in Gen.Choose(1, 6)
        from data in Gen.Choose(1, 6)
        from length in Gen.Choose(1, maxOps)
        from ops in Gen.ArrayOf(OpGenerator(kinds), length)
        select new Scenario(profile, cpus, instruction, data, ops);

    private static Gen<Op> OpGenerator(OpKind[] kinds) =>
        from kind in Gen.Elements(kinds)
        from a in Gen.Choose(0, 63)
        from b in Gen.Choose(0, 63)
        from flag in Gen.Elements(true, false, false)
        select new Op(kind, a, b, flag);
}
