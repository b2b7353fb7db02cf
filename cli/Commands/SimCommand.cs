using System.CommandLine;
using System.Globalization;
using HwbpCluster.Cli.Internal;
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
        var command = new Command("spawn", "Create a task") { tid, name };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var request = new SpawnTaskRequest
            {
                Host = parsed.GetValue(host) ?? "",
                Tid = parsed.GetValue(tid),
                Name = parsed.GetValue(name) ?? "",
            };
            var task = await client.SpawnTaskAsync(request, ct);
            await global.Printer(parsed).WriteAsync(task, Describe(task));
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
            var request = new ForkTaskRequest
            {
                Host = parsed.GetValue(host) ?? "",
                ParentTid = parsed.GetValue(parent),
                ChildTid = parsed.GetValue(child),
            };
            var task = await client.ForkTaskAsync(request, ct);
            await global.Printer(parsed).WriteAsync(task, Describe(task));
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
            var request = new ExitTaskRequest { Host = parsed.GetValue(host) ?? "", Tid = parsed.GetValue(tid) };
            var done = await client.ExitTaskAsync(request, ct);
            await global.Printer(parsed).WriteAsync(done, $"task {parsed.GetValue(tid)} exited");
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
            var request = new RunTaskRequest { Host = parsed.GetValue(host) ?? "", Tid = parsed.GetValue(tid), Cpu = parsed.GetValue(cpu) };
            var done = await client.RunTaskAsync(request, ct);
            var text = request.Tid == 0 ? $"cpu {request.Cpu} idle" : $"cpu {request.Cpu} runs tid {request.Tid}";
            await global.Printer(parsed).WriteAsync(done, text);
            return CliApp.Ok;
        });
        return command;
    }

    private static string Describe(TaskInfo task)
    {
        var parent = task.ParentTid == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (child of {task.ParentTid})");
        return string.Create(CultureInfo.InvariantCulture, $"task {task.Tid} '{task.Name}' on {task.Host}{parent}");
    }
}
