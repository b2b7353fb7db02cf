using System.CommandLine;
using System.Globalization;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp sim spawn|fork|exit|run|access</c>: drive tasks and memory accesses on a simulated host.</summary>
internal static class SimCommand
{
    public static Command Create(GlobalOptions global)
    {
        var host = new Option<string?>("--host") { Description = "The simulated host; default: the node's own", Recursive = true };
        return new Command("sim", "Drive a simulated host: tasks, context switches, memory accesses")
        {
            host, Spawn(global, host), Fork(global, host), Exit(global, host), Run(global, host), SimAccessCommand.Create(global, host),
        };
    }

    private static Command Spawn(GlobalOptions global, Option<string?> host)
    {
        var tid = new Option<ulong>("--tid") { Description = "The new task's id; 0: the host picks", CustomParser = Parsers.Number };
        var name = new Option<string>("--name") { Description = "The task's name", DefaultValueFactory = _ => "task" };
        var command = new Command("spawn", "Create a task (a tid that already exists is fine: spawning is idempotent)") { tid, name };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var task = await client.SpawnTaskAsync(parsed.GetValue(tid), parsed.GetValue(name) ?? "task", parsed.GetValue(host), ct);
            await global.Printer(parsed).WriteAsync(w => Shapes.Task(w, task), Describe(task));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Fork(GlobalOptions global, Option<string?> host)
    {
        var parent = new Option<ulong>("--parent") { Description = "The forking task", Required = true, CustomParser = Parsers.Number };
        var child = new Option<ulong>("--child") { Description = "The child's id; 0: the host picks", CustomParser = Parsers.Number };
        var command = new Command("fork", "Fork a task (inheriting breakpoints are copied)") { parent, child };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var task = await client.ForkTaskAsync(parsed.GetValue(parent), parsed.GetValue(child), parsed.GetValue(host), ct);
            await global.Printer(parsed).WriteAsync(w => Shapes.Task(w, task), Describe(task));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Exit(GlobalOptions global, Option<string?> host)
    {
        var tid = new Option<ulong>("--tid") { Description = "The task", Required = true, CustomParser = Parsers.Number };
        var command = new Command("exit", "End a task (its task-bound reservations are released)") { tid };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var (where, task) = (parsed.GetValue(host), parsed.GetValue(tid));
            await client.ExitTaskAsync(task, where, ct);
            await global.Printer(parsed).WriteAsync(w => Done(w, where, task, null), $"task {task} exited");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Run(GlobalOptions global, Option<string?> host)
    {
        var tid = new Option<ulong>("--tid") { Description = "The task to switch to; 0: idle", CustomParser = Parsers.Number };
        var cpu = new Option<uint>("--cpu") { Description = "The CPU", Required = true, CustomParser = Parsers.Number32 };
        var command = new Command("run", "Switch a CPU to a task (context switch)") { tid, cpu };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var (where, task, on) = (parsed.GetValue(host), parsed.GetValue(tid), parsed.GetValue(cpu));
            await client.RunTaskAsync(task, on, where, ct);
            var text = task == 0 ? $"cpu {on} idle" : $"cpu {on} runs tid {task}";
            await global.Printer(parsed).WriteAsync(w => Done(w, where, task, on), text);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>{"host", "tid", "cpu"}: what exit and run did (host null: the node's own; cpu null for exit).</summary>
    private static void Done(System.Text.Json.Utf8JsonWriter w, string? host, ulong tid, uint? cpu)
    {
        w.WriteStartObject();
        w.StringOrNull("host", host);
        w.WriteNumber("tid", tid);
        if (cpu is { } c)
        {
            w.WriteNumber("cpu", c);
        }
        else
        {
            w.WriteNull("cpu");
        }

        w.WriteEndObject();
    }

    private static string Describe(TaskInfo task)
    {
        var parent = task.ParentTid == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (child of {task.ParentTid})");
        return string.Create(CultureInfo.InvariantCulture, $"task {task.Tid} '{task.Name}' on {task.Host}{parent}");
    }
}
