using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp guest enter|exit --session S --cpu C</c>: a KVM session's guest borrows a CPU's registers and gives them back.</summary>
internal static class GuestCommand
{
    public static Command Create(GlobalOptions global)
    {
        var session = SessionIdOption.Create("A kvm session (from 'hwbp sessions open --kind kvm')");
        var cpu = new Option<uint>("--cpu") { Description = "The CPU", Required = true, CustomParser = Parsers.Number32 };
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        foreach (var option in (Option[])[session, cpu, host])
        {
            option.Recursive = true;
        }

        return new Command("guest", "A KVM guest borrows a CPU's debug registers (enter) and gives them back (exit)")
        {
            session, cpu, host, Enter(global, session, cpu, host), Exit(global, session, cpu, host),
        };
    }

    private static Command Enter(GlobalOptions global, Option<string> session, Option<uint> cpu, Option<string?> host)
    {
        var breakpoints = new Option<Breakpoint[]>("--breakpoint")
        {
            Description = "A guest breakpoint, address[/length[/access]] e.g. 0x1000/8/w; repeat for more",
            CustomParser = GuestBreakpoints,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("enter", "The guest takes the CPU's registers; the host's reservations there are suspended") { breakpoints };
        command.SetAction(async (parsed, ct) =>
        {
            var request = new EnterGuestRequest
            {
                SessionId = parsed.GetRequiredValue(session), Cpu = parsed.GetValue(cpu), Host = parsed.GetValue(host) ?? string.Empty,
            };
            request.GuestBreakpoints.AddRange(parsed.GetValue(breakpoints) ?? []);
            await using var client = global.Connect(parsed);
            var entered = await client.EnterGuestAsync(request, ct);
            await global.Printer(parsed).WriteAsync(
                w => Write(w, request.Cpu, "suspended", entered.SuspendedReservationIds),
                $"cpu {request.Cpu} borrowed; suspended: {List(entered.SuspendedReservationIds)}");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Exit(GlobalOptions global, Option<string> session, Option<uint> cpu, Option<string?> host)
    {
        var command = new Command("exit", "The guest gives the CPU's registers back; DR7 and the host's reservations come back");
        command.SetAction(async (parsed, ct) =>
        {
            var request = new ExitGuestRequest
            {
                SessionId = parsed.GetRequiredValue(session), Cpu = parsed.GetValue(cpu), Host = parsed.GetValue(host) ?? string.Empty,
            };
            await using var client = global.Connect(parsed);
            var exited = await client.ExitGuestAsync(request, ct);
            await global.Printer(parsed).WriteAsync(
                w => Write(w, request.Cpu, "resumed", exited.ResumedReservationIds),
                $"cpu {request.Cpu} given back; resumed: {List(exited.ResumedReservationIds)}");
            return CliApp.Ok;
        });
        return command;
    }

    private static string List(IReadOnlyCollection<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    /// <summary>{"cpu", "suspended"|"resumed": [ids]}.</summary>
    private static void Write(Utf8JsonWriter w, uint cpu, string what, IEnumerable<string> ids)
    {
        w.WriteStartObject();
        w.WriteNumber("cpu", cpu);
        w.Strings(what, ids);
        w.WriteEndObject();
    }

    private static Breakpoint[] GuestBreakpoints(ArgumentResult result)
    {
        var parsed = new List<Breakpoint>();
        foreach (var token in result.Tokens)
        {
            var parts = token.Value.Split('/');
            var access = parts.Length > 2 ? Parsers.TryAccess(parts[2]) : Access.Write;
            if (parts.Length > 3 || !Parsers.TryNumber(parts[0], out var address) || access is null)
            {
                result.AddError($"'{token.Value}' is not a breakpoint: use address[/length[/access]], e.g. 0x1000/8/w");
                continue;
            }

            ulong length = 1;
            if (parts.Length > 1 && (!Parsers.TryNumber(parts[1], out length) || length > uint.MaxValue))
            {
                result.AddError($"'{token.Value}': '{parts[1]}' is not a length");
                continue;
            }

            parsed.Add(new Breakpoint { Address = address, Length = (uint)length, Access = access.Value });
        }

        return [.. parsed];
    }
}
