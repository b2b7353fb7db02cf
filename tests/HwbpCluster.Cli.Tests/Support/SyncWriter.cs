using System.Text;

namespace HwbpCluster.Cli.Tests.Support;

/// <summary>A StringWriter that a command may write to while the test reads it; with <paramref name="held"/>, lines wait for it.</summary>
internal sealed class SyncWriter(Task? held = null) : StringWriter
{
    private readonly object gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override async Task WriteLineAsync(string? value)
    {
        // A terminal that stops reading: the command's line waits until the test lets it through.
        if (held is not null)
        {
            await held;
        }

        Write(value + NewLine);
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }
}
