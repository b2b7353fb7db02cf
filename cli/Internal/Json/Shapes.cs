using System.Text.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal.Json;

/// <summary>The JSON shapes of hwbp.v1's messages, as cli/README.md documents them: every field present (null when absent),
/// addresses and register images as "0x..." strings, enums by the tables' short names.</summary>
internal static class Shapes
{
    public static void Breakpoint(Utf8JsonWriter w, Breakpoint? breakpoint)
    {
        if (breakpoint is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("address", Names.Hex(breakpoint.Address));
        w.WriteNumber("length", breakpoint.Length);
        w.WriteString("access", Names.Access(breakpoint.Access));
        w.WriteEndObject();
    }

    public static void Scope(Utf8JsonWriter w, Scope? scope)
    {
        var target = scope?.TargetCase ?? Protos.V1.Scope.TargetOneofCase.None;
        (ulong? tid, uint? cpu) = target switch
        {
            Protos.V1.Scope.TargetOneofCase.Cpu => ((ulong?)null, (uint?)scope!.Cpu.Cpu),
            Protos.V1.Scope.TargetOneofCase.Task => (scope!.Task.Tid, null),
            Protos.V1.Scope.TargetOneofCase.TaskOnCpu => (scope!.TaskOnCpu.Tid, scope.TaskOnCpu.Cpu),
            _ => (null, null),
        };
        w.WriteStartObject();
        w.WriteString("type", Names.Scope(target));
        Number(w, "tid", tid);
        Number(w, "cpu", cpu);
        Number(w, "pid", target == Protos.V1.Scope.TargetOneofCase.Process ? scope!.Process.Pid : null);
        w.WriteEndObject();
    }

    public static void Reservation(Utf8JsonWriter w, Reservation? r)
    {
        if (r is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("host", r.Host);
        w.WriteString("sessionId", r.SessionId);
        w.WriteString("kind", Names.Kind(r.ClientKind));
        w.WritePropertyName("scope");
        Scope(w, r.Scope);
        w.WritePropertyName("breakpoint");
        Breakpoint(w, r.Breakpoint);
        w.WriteBoolean("pinned", r.Pinned);
        w.WriteBoolean("inherit", r.Inherit);
        w.StringOrNull("label", r.Label);
        w.WriteString("state", Names.State(r.State));
        w.WriteNumber("hits", r.Hits);
        w.WriteNumber("timeEnabledNs", r.TimeEnabledNs);
        w.WriteNumber("timeRunningNs", r.TimeRunningNs);
        w.WriteNumber("scaledHits", r.ScaledHits);
        w.WritePropertyName("lost");
        Losses(w, r.Losses);
        w.WriteEndObject();
    }

    // Hits counted but not delivered, by cause; null where the host counts none (sim).
    private static void Losses(Utf8JsonWriter w, HitLosses? losses)
    {
        if (losses is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("kernel", losses.Kernel);
        w.WriteNumber("reader", losses.Reader);
        w.WriteNumber("corrupt", losses.Corrupt);
        w.WriteEndObject();
    }

    public static void Hit(Utf8JsonWriter w, HitEvent hit)
    {
        w.WriteStartObject();
        w.WriteString("host", hit.Host);
        w.WriteString("reservationId", hit.ReservationId);
        w.WriteNumber("cpu", hit.Cpu);
        w.WriteNumber("tid", hit.Tid);
        w.WriteString("ip", Names.Hex(hit.Ip));
        w.WriteString("address", Names.Hex(hit.Address));
        w.WriteString("access", Names.Access(hit.Access));
        w.WriteNumber("slot", hit.Slot);
        w.WriteString("dr6", Names.Hex(hit.Dr6));
        w.StringOrNull("time", Names.Time(hit.TimeUnixNano));
        w.StringOrNull("valueAfter", Names.ValueAfter(hit.ValueAfter) is { } value ? Names.Hex(value) : null);
        w.WriteEndObject();
    }

    public static void Event(Utf8JsonWriter w, ReservationEvent e)
    {
        w.WriteStartObject();
        w.WritePropertyName("reservation");
        Reservation(w, e.Reservation);
        w.WriteString("reason", e.Reason);
        w.StringOrNull("time", Names.Time(e.TimeUnixNano));
        w.WriteEndObject();
    }

    public static void Host(Utf8JsonWriter w, HostState state)
    {
        var slots = Format.SlotCount(state);
        w.WriteStartObject();
        w.WriteString("host", state.Host);
        w.WriteString("arch", state.Arch);
        w.WriteString("backend", state.Backend);
        w.WriteNumber("instructionSlots", state.InstructionSlots);
        w.WriteNumber("dataSlots", state.DataSlots);
        w.WriteBoolean("sharedPool", state.SharedPool);
        w.Array("cpus", state.Cpus, (w, cpu) => Cpu(w, cpu, slots));
        w.Strings("warnings", state.Warnings);
        w.WriteEndObject();
    }

    public static void Task(Utf8JsonWriter w, TaskInfo task)
    {
        w.WriteStartObject();
        w.WriteString("host", task.Host);
        w.WriteNumber("tid", task.Tid);
        w.WriteString("name", task.Name);
        Number(w, "parentTid", task.ParentTid == 0 ? null : task.ParentTid);
        w.WriteEndObject();
    }

    public static void Member(Utf8JsonWriter w, Member m)
    {
        w.WriteStartObject();
        w.WriteString("node", m.Node);
        w.WriteString("address", m.Address);
        w.WriteString("clusterAddress", m.ClusterAddress);
        w.WriteString("status", Names.Member(m.Status));
        w.WriteBoolean("reachable", m.Reachable);
        w.Strings("hosts", m.Hosts);
        w.WriteStartObject("labels");
        foreach (var (key, value) in m.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void Outcome(Utf8JsonWriter w, HostOutcome outcome)
    {
        w.WriteStartObject();
        w.WriteString("host", outcome.Host);
        w.WriteString("status", Names.StatusCode(outcome.StatusCode));
        w.StringOrNull("message", outcome.Message);
        w.WritePropertyName("reservation");
        Reservation(w, outcome.StatusCode == 0 ? outcome.Reservation : null);
        w.WriteEndObject();
    }

    private static void Cpu(Utf8JsonWriter w, CpuView cpu, int slots)
    {
        w.WriteStartObject();
        w.WriteNumber("cpu", cpu.Cpu);
        Number(w, "runningTid", cpu.RunningTid == 0 ? null : cpu.RunningTid);
        w.WriteString("dr7", Names.Hex(cpu.Dr7));
        w.WriteNumber("cpuPinned", cpu.CpuPinned);
        w.WriteNumber("maxTaskPinned", cpu.MaxTaskPinned);
        w.StringOrNull("borrowedBySession", cpu.BorrowedBySession);
        w.WriteStartArray("slots");
        for (var i = 0u; i < slots; i++)
        {
            var slot = cpu.Slots.FirstOrDefault(s => s.Index == i && s.ReservationId.Length > 0);
            w.WriteStartObject();
            w.WriteNumber("index", i);
            w.StringOrNull("reservationId", slot?.ReservationId);
            w.WritePropertyName("breakpoint");
            Breakpoint(w, slot?.Breakpoint);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
