using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>The short words the story prints, the same as the CLI's tables use.</summary>
internal static class Describe
{
    public static string Hit(HitEvent hit) =>
        $"hit {hit.ReservationId}: cpu {hit.Cpu} tid {hit.Tid} {Access(hit.Access)} 0x{hit.Address:x} in DR{hit.Slot}, DR6 0x{hit.Dr6:x}";

    public static string Change(ReservationEvent change) =>
        $"{change.Reservation.Id} {State(change.Reservation.State)} ({change.Reason})";

    public static string Access(Access access) => access switch
    {
        Protos.V1.Access.Execute => "exec",
        Protos.V1.Access.Write => "write",
        Protos.V1.Access.Read => "read",
        Protos.V1.Access.ReadWrite => "rw",
        _ => "?",
    };

    public static string State(ReservationState state) => state switch
    {
        ReservationState.Active => "active",
        ReservationState.Multiplexed => "multiplexed",
        ReservationState.Suspended => "suspended",
        ReservationState.Released => "released",
        _ => "unspecified",
    };

    public static string Watch(Breakpoint bp) => $"{Access(bp.Access)} 0x{bp.Address:x}/{bp.Length}";

    public static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0} ms";

    /// <summary>Which reservation holds each slot of <paramref name="cpu"/>, e.g. "DR0 alpha-0/7, DR1 free".</summary>
    public static string Slots(CpuView cpu) =>
        string.Join(", ", cpu.Slots.Select(s => $"DR{s.Index} {(string.IsNullOrEmpty(s.ReservationId) ? "free" : s.ReservationId)}"));
}
