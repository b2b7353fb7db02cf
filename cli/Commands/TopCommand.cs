using System.CommandLine;
using HwbpCluster.Cli.Internal;
using Spectre.Console;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp top [--host H | --fleet] [--interval-ms MS] [--frames N]</c>: a live view of a host's or the fleet's registers.</summary>
/// <remarks>On a terminal it redraws in place (Spectre live display); piped, it prints one frame (or JSON line) per refresh.</remarks>
internal static class TopCommand
{
    public static Command Create(GlobalOptions global)
    {
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        var fleet = new Option<bool>("--fleet") { Description = "Every host of every member instead of one host" };
        var interval = new Option<int>("--interval-ms") { Description = "Time between refreshes", DefaultValueFactory = _ => 1000 };
        var frames = new Option<int?>("--frames") { Description = "Stop after this many refreshes; default: until Ctrl+C" };
        interval.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 50)
            {
                r.AddError("--interval-ms must be at least 50");
            }
        });
        frames.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError("--frames must be positive");
            }
        });
        var command = new Command("top", "A live view of a host's CPUs, slots, DR7 and reservations (or of the fleet)")
        {
            host, fleet, interval, frames,
        };
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(
            async () =>
            {
                if (parsed.GetValue(fleet) && parsed.GetValue(host) is not null)
                {
                    throw new UsageException("--fleet shows every host: drop --host");
                }

                await using var client = global.Connect(parsed);
                var printer = global.Printer(parsed);
                var every = TimeSpan.FromMilliseconds(parsed.GetValue(interval));
                var limit = parsed.GetValue(frames) ?? int.MaxValue;
                Task<TopFrame> FetchAsync() => TopFrame.FetchAsync(client, parsed.GetValue(host), parsed.GetValue(fleet), global.Context.Time, ct);
                Task PauseAsync() => Task.Delay(every, global.Context.Time, ct);

                if (!printer.Json && global.Context.Terminal?.Value is { } terminal)
                {
                    var first = await FetchAsync();
                    await terminal.Live(first.Render()).AutoClear(false).StartAsync(async live =>
                    {
                        for (var shown = 1; shown < limit; shown++)
                        {
                            await PauseAsync();
                            live.UpdateTarget((await FetchAsync()).Render());
                        }
                    });
                    return CliApp.Ok;
                }

                for (var shown = 0; shown < limit; shown++)
                {
                    if (shown > 0)
                    {
                        await PauseAsync();
                    }

                    var frame = await FetchAsync();
                    await printer.WriteAsync(frame.Write, frame.Render);
                }

                return CliApp.Ok;
            },
            ct));
        return command;
    }
}
