namespace HwbpCluster.Demo.Output;

/// <summary>Plain lines for logs and CI (<c>--no-live</c>): no colours, no cursor movement.</summary>
internal sealed class PlainWriter(TextWriter output, TextWriter error) : IStoryWriter
{
    private readonly Lock _gate = new();

    public void Act(int number, string title) => Line(output, $"{Environment.NewLine}== {number}. {title}");

    public void Say(string text) => Line(output, $"   {text}");

    public void Event(string text) => Line(output, $"   <- {text}");

    public void Ok(string text) => Line(output, $"ok {text}");

    public void Failed(string step, string reason) => Line(error, $"FAILED {step}: {reason}");

    public async Task<T> WaitAsync<T>(string what, Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        Line(output, $"   ... {what}");
        return await wait();
    }

    private void Line(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
