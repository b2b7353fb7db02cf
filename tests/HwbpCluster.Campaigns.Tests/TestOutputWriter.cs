using System.Text;
using Xunit.Abstractions;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>A campaign's progress lines, written from many tasks, into the test's output.</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (line)
        {
            if (value == '\n')
            {
                output.WriteLine(line.ToString());
                line.Clear();
            }
            else if (value != '\r')
            {
                line.Append(value);
            }
        }
    }
}
