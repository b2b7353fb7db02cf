using System.CommandLine;
using HwbpCluster.Cli.Internal;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp fleet reserve|release|watch</c>: the same breakpoint on many hosts at once, picked by name or node label.</summary>
internal static class FleetCommand
{
    public static Command Create(GlobalOptions global) =>
        new("fleet", "Reserve, release and watch on many hosts at once (--hosts h1,h2 and/or --label role=db)")
        {
            Reserve(global), Release(global), FleetWatchCommand.Create(global),
        };

    private static Command Reserve(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var fleet = new FleetOptions();
        var command = new Command("reserve", "Reserve on every selected host for a session, all or nothing (or --best-effort)") { session };
        fleet.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var reserved = await fleet.ReserveAsync(client, parsed.GetRequiredValue(session), parsed, global.Context, ct);
            var printer = global.Printer(parsed);
            if (printer.Json)
            {
                await printer.WriteAsync(w => FleetOptions.Write(w, reserved), string.Empty);
            }
            else
            {
                foreach (var outcome in reserved.Outcomes)
                {
                    await global.Context.Output.WriteLineAsync(FleetOptions.Outcome(outcome));
                }

                await global.Context.Output.WriteLineAsync(FleetOptions.Summary(reserved));
            }

            return reserved.Committed ? CliApp.Ok : CliApp.RpcError;
        });
        return command;
    }

    private static Command Release(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var hosts = new HostSelectorOptions();
        var label = new Option<string?>("--reservation-label") { Description = "Only the reservations that carry this label" };
        var command = new Command("release", "Release a session's reservations on the selected hosts (default: every host)") { session, label };
        hosts.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var selector = hosts.Selector(parsed, required: false);
            var request = new Protos.V1.FleetReleaseRequest
            {
                SessionId = parsed.GetRequiredValue(session), Selector = selector, Label = parsed.GetValue(label) ?? string.Empty,
            };
            var doing = $"releasing on {HostSelectorOptions.Describe(selector)}";
            var released = await Progress.ShowAsync(global.Context, doing, () => client.FleetReleaseAsync(request, ct));
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("released", released.Released);
                    w.WriteEndObject();
                },
                $"released {released.Released}");
            return CliApp.Ok;
        });
        return command;
    }
}
