using System.Text;

namespace HwbpCluster.Cli.Tests.Support;

/// <summary>A StringWriter that a command may write to while the test reads it.</summary>
internal sealed class SyncWriter : StringWriter
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

    public override Task WriteLineAsync(string? value)
    {
        Write(value + NewLine);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }
}
