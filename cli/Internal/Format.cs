using System.Globalization;
using System.Text;
using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Text for people: statuses, scopes, breakpoints, hits and reservations on one line each.</summary>
internal static class Format
{
    /// <summary>"NOT_FOUND: detail", the way gRPC names its codes.</summary>
    public static string Status(StatusCode code, string detail) => $"{CodeName(code)}: {detail}";

    /// <summary>PascalCase enum name to gRPC's UPPER_SNAKE, e.g. ResourceExhausted → RESOURCE_EXHAUSTED.</summary>
    public static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToUpperInvariant(name[i]));
        }

        return snake.ToString();
    }

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Access(Access access) => access switch
    {
        Protos.V1.Access.Execute => "x",
        Protos.V1.Access.Write => "w",
        Protos.V1.Access.Read => "r",
        Protos.V1.Access.ReadWrite => "rw",
        _ => "?",
    };

    public static string Breakpoint(Breakpoint? breakpoint) =>
        breakpoint is null ? "-" : $"{Access(breakpoint.Access)} {Hex(breakpoint.Address)}/{breakpoint.Length}";

    public static string Scope(Scope? scope) => scope?.TargetCase switch
    {
        Protos.V1.Scope.TargetOneofCase.Cpu => $"cpu {scope.Cpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.Task => $"tid {scope.Task.Tid}",
        Protos.V1.Scope.TargetOneofCase.TaskOnCpu => $"tid {scope.TaskOnCpu.Tid} on cpu {scope.TaskOnCpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.AllCpus => "all cpus",
        _ => "-",
    };

    public static string Hit(HitEvent hit) => string.Create(CultureInfo.InvariantCulture,
        $"hit {hit.ReservationId} cpu {hit.Cpu} tid {hit.Tid} {Access(hit.Access)} {Hex(hit.Address)} " +
        $"ip {Hex(hit.Ip)} slot {hit.Slot} dr6 {Hex(hit.Dr6)}");

    public static string Reservation(Reservation r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Id} {Breakpoint(r.Breakpoint)} on {Scope(r.Scope)} ({Kind(r.ClientKind)}, {State(r.State)})");

    public static string Kind(ClientKind kind) => kind.ToString().ToLowerInvariant();

    public static string State(ReservationState state) => state.ToString().ToLowerInvariant();
}
