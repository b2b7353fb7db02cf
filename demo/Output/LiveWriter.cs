using System.Diagnostics;
using Spectre.Console;

namespace HwbpCluster.Demo.Output;

/// <summary>A terminal: acts as rules, events in colour as they arrive, a spinner with the time so far while the demo waits.</summary>
internal sealed class LiveWriter(IAnsiConsole console) : IStoryWriter
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Act(int number, string title) => Write(() =>
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{number}. {Markup.Escape(title)}[/]") { Justification = Justify.Left });
    });

    public void Say(string text) => Write(() => console.MarkupLine($"  {Stamp()} {Markup.Escape(text)}"));

    public void Event(string text) => Write(() => console.MarkupLine($"  {Stamp()} [cyan]<- {Markup.Escape(text)}[/]"));

    public void Ok(string text) => Write(() => console.MarkupLine($"  {Stamp()} [green]ok[/] {Markup.Escape(text)}"));

    public void Failed(string step, string reason) =>
        Write(() => console.MarkupLine($"  {Stamp()} [red bold]FAILED {Markup.Escape(step)}[/]: {Markup.Escape(reason)}"));

    public async Task<T> WaitAsync<T>(string what, Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var started = _clock.Elapsed;
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what), async status =>
        {
            var task = wait();
            while (await Task.WhenAny(task, Task.Delay(100)) != task)
            {
                status.Status($"{Markup.Escape(what)} [grey]{(_clock.Elapsed - started).TotalSeconds:0.0} s[/]");
            }

            return await task;
        });
    }

    private string Stamp() => $"[grey]{_clock.Elapsed.TotalSeconds,5:0.0}s[/]";

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
