using System.CommandLine;

namespace HwbpCluster.Cli.Internal;

/// <summary>When a watch stops on its own: --count N hits, or --seconds S.</summary>
internal sealed class HitOptions
{
    public Option<int?> Count { get; } = new("--count") { Description = "Stop after this many events" };

    public Option<double?> Seconds { get; } = new("--seconds") { Description = "Stop after this many seconds" };

    public void AddTo(Command command)
    {
        command.Add(Count);
        command.Add(Seconds);
        Count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError("--count must be positive");
            }
        });
        Seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is <= 0)
            {
                r.AddError("--seconds must be positive");
            }
        });
    }
}
