using HwbpCluster.Hosts;
using V1 = HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Wire;

/// <summary>Events, host state and simulated tasks.</summary>
internal static partial class ToWire
{
    /// <summary>A hit.</summary>
    public static V1.HitEvent Hit(HitRecord hit) => new()
    {
        Host = hit.Host,
        ReservationId = ReservationIds.Format(hit.Host, hit.ReservationId),
        Cpu = (uint)hit.Cpu,
        Tid = (ulong)hit.Tid,
        Ip = hit.Ip,
        Address = hit.Address,
        Access = Access(hit.Access),
        Slot = (uint)hit.Slot,
        Dr6 = hit.Dr6,
        TimeUnixNano = UnixNanos(hit.Time),
        ValueAfter = Google.Protobuf.ByteString.CopyFrom(hit.ValueAfter.Span),
    };

    /// <summary>A reservation's change of state.</summary>
    public static V1.ReservationEvent Event(ReservationEvent change) => new()
    {
        Reservation = Reservation(change.Reservation),
        Reason = change.Reason,
        TimeUnixNano = UnixNanos(change.Time),
    };

    /// <summary>A simulated task.</summary>
    public static V1.TaskInfo Task(string host, TaskDescription task) =>
        new() { Host = host, Tid = (ulong)task.Tid, Name = task.Name, ParentTid = (ulong)task.ParentTid };

    /// <summary>What is armed on every CPU of a host.</summary>
    public static V1.HostState HostState(HostSnapshot snapshot)
    {
        var description = snapshot.Description;
        var profile = description.Profile;
        var state = new V1.HostState
        {
            Host = description.Name,
            Arch = Options.ArchNames.WireName(profile.Architecture),
            Backend = description.Backend,
            InstructionSlots = (uint)(profile.SharedPool ? profile.DataSlots : profile.InstructionSlots),
            DataSlots = (uint)profile.DataSlots,
            SharedPool = profile.SharedPool,
            Warnings = { description.Warnings },
            ViewSource = snapshot.Source == SnapshotSource.Accounting ? V1.ViewSource.Accounting : V1.ViewSource.Registers,
            ViewNote = snapshot.SourceNote,
        };
        foreach (var cpu in snapshot.Cpus)
        {
            state.Cpus.Add(Cpu(description.Name, cpu));
        }

        return state;
    }

    private static V1.CpuView Cpu(string host, CpuSnapshot cpu)
    {
        var view = new V1.CpuView
        {
            Cpu = (uint)cpu.Cpu,
            Dr7 = cpu.Dr7,
            CpuPinned = (uint)cpu.CpuPinned,
            MaxTaskPinned = (uint)cpu.MaxTaskPinned,
            RunningTid = (ulong)cpu.RunningTid,
            BorrowedBySession = cpu.BorrowedBySession,
            ExternallyOccupied = (uint)cpu.ExternallyOccupied,
        };
        foreach (var slot in cpu.Slots)
        {
            view.Slots.Add(new V1.SlotView
            {
                Index = (uint)slot.Index,
                ReservationId = slot.ReservationId == 0 ? string.Empty : ReservationIds.Format(host, slot.ReservationId),
                Breakpoint = slot.Spec is { } spec ? Breakpoint(spec) : null,
            });
        }

        return view;
    }
}
