using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using W = HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Host descriptions, snapshots and events.</summary>
internal static partial class Codec
{
    public static W.Description ToWire(HostDescription description)
    {
        var profile = description.Profile;
        return new W.Description
        {
            Name = description.Name,
            Architecture = (int)profile.Architecture,
            Cpus = profile.CpuCount,
            InstructionSlots = profile.InstructionSlots,
            DataSlots = profile.DataSlots,
            Backend = description.Backend,
            Warnings = { description.Warnings },
        };
    }

    public static HostDescription FromWire(W.Description description) =>
        new(description.Name, Profile(description), description.Backend) { Warnings = [.. description.Warnings] };

    public static W.HostState ToWire(HostSnapshot snapshot) => new()
    {
        Description = ToWire(snapshot.Description),
        Cpus =
        {
            snapshot.Cpus.Select(cpu => new W.Cpu
            {
                Number = cpu.Cpu,
                Slots = { cpu.Slots.Select(s => new W.Slot { Index = s.Index, ReservationId = s.ReservationId, Spec = s.Spec is { } spec ? ToWire(spec) : null }) },
                Dr7 = cpu.Dr7,
                CpuPinned = cpu.CpuPinned,
                MaxTaskPinned = cpu.MaxTaskPinned,
                RunningTid = cpu.RunningTid,
                BorrowedBySession = cpu.BorrowedBySession,
            }),
        },
    };

    public static HostSnapshot FromWire(W.HostState state) => new(
        FromWire(state.Description),
        [.. state.Cpus.Select(cpu => new CpuSnapshot(
            cpu.Number,
            [.. cpu.Slots.Select(s => new SlotSnapshot(s.Index, s.ReservationId, s.Spec is null ? null : FromWire(s.Spec)))],
            cpu.Dr7, cpu.CpuPinned, cpu.MaxTaskPinned, cpu.RunningTid, cpu.BorrowedBySession))]);

    public static W.Hit ToWire(HitRecord hit) => new()
    {
        Host = hit.Host,
        ReservationId = hit.ReservationId,
        Cpu = hit.Cpu,
        Tid = hit.Tid,
        Ip = hit.Ip,
        Address = hit.Address,
        Access = (int)hit.Access,
        Slot = hit.Slot,
        Dr6 = hit.Dr6,
        TimeUtcTicks = hit.Time.UtcTicks,
    };

    public static HitRecord FromWire(W.Hit hit) => new(
        hit.Host, hit.ReservationId, hit.Cpu, hit.Tid, hit.Ip, hit.Address, (Access)hit.Access, hit.Slot, hit.Dr6,
        new DateTimeOffset(hit.TimeUtcTicks, TimeSpan.Zero));

    public static W.ReservationChange ToWire(ReservationEvent change) =>
        new() { Reservation = ToWire(change.Reservation), Reason = change.Reason, TimeUtcTicks = change.Time.UtcTicks };

    public static ReservationEvent FromWire(W.ReservationChange change) =>
        new(FromWire(change.Reservation), change.Reason, new DateTimeOffset(change.TimeUtcTicks, TimeSpan.Zero));

    // Profiles are rebuilt through their factories, so a remote host validates with exactly the owner's rules.
    private static ArchProfile Profile(W.Description d) => (Architecture)d.Architecture switch
    {
        Architecture.Arm64 => ArchProfile.Arm64(d.Cpus, d.InstructionSlots, d.DataSlots),
        Architecture.Ppc64P9 => ArchProfile.Ppc64P9(d.Cpus),
        Architecture.Ppc64P10 => ArchProfile.Ppc64P10(d.Cpus),
        _ => ArchProfile.X86_64(d.Cpus),
    };
}
