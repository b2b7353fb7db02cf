using System.Globalization;
using HwbpCluster.Node.Auth;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The dashboard's event log: what changed between two reads of the cluster, in words, newest last, bounded.</summary>
internal sealed class ChangeLog
{
    /// <summary>Lines kept for a page that connects later.</summary>
    public const int Capacity = 300;

    /// <summary>Lines one read may add; a burst beyond it is summed up in one line, so a busy cluster cannot flood the page.</summary>
    public const int PerRead = 60;

    private readonly Queue<string> lines = new();

    /// <summary>Every line kept, oldest first, each a JSON object <c>{"time": …, "text": …}</c> ready for the page.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>Adds the <paramref name="changes"/> seen at <paramref name="time"/>; returns the lines added.</summary>
    public IReadOnlyList<string> Add(DateTimeOffset time, IReadOnlyList<string> changes)
    {
        var texts = changes.Count <= PerRead
            ? changes
            : [.. changes.Take(PerRead - 1), $"… and {changes.Count - PerRead + 1} more changes"];
        var stamp = time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var added = texts.Select(text => DashboardJson.Object(json =>
        {
            json.WriteString("time", stamp);
            json.WriteString("text", text);
        })).ToList();
        foreach (var line in added)
        {
            lines.Enqueue(line);
            if (lines.Count > Capacity)
            {
                lines.Dequeue();
            }
        }

        return added;
    }

    /// <summary>What changed in the membership.</summary>
    public static IEnumerable<string> MemberChanges(IReadOnlyDictionary<string, Member> before, IReadOnlyDictionary<string, Member> after)
    {
        foreach (var (node, now) in after)
        {
            if (!before.TryGetValue(node, out var was))
            {
                yield return $"node {node} joined ({Name(now.Status)}, hosts {string.Join(", ", now.Hosts)})";
                continue;
            }

            if (was.Status != now.Status)
            {
                yield return $"node {node}: {Name(was.Status)} → {Name(now.Status)}";
            }

            if (was.Reachable != now.Reachable)
            {
                yield return now.Reachable ? $"node {node} is reachable again" : $"node {node} is unreachable";
            }
        }

        foreach (var node in before.Keys.Where(n => !after.ContainsKey(n)))
        {
            yield return $"node {node} left the cluster";
        }
    }

    /// <summary>What changed on one host: reachability, and every reservation that came, changed state or went.</summary>
    public static IEnumerable<string> HostChanges(HostView? before, HostView after)
    {
        if (before is null)
        {
            yield return $"host {after.Name} ({after.Node}) appeared";
            yield break;
        }

        if (before.Error != after.Error && after.Error.Length > 0)
        {
            yield return $"host {after.Name}: {after.Error}";
        }
        else if (before.Error.Length > 0 && after.Error.Length == 0)
        {
            yield return $"host {after.Name} answers again";
        }

        if (!after.Reachable || after.Error.Length > 0)
        {
            yield break;
        }

        var was = before.Reservations.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var now in after.Reservations)
        {
            if (!was.Remove(now.Id, out var old))
            {
                yield return $"{now.Id} {(now.Queued ? "queued" : "reserved")}: {Describe(now)}";
            }
            else if (old.State != now.State || old.Queued != now.Queued)
            {
                yield return $"{now.Id}: {StateOf(old)} → {StateOf(now)}";
            }
        }

        foreach (var gone in was.Values)
        {
            yield return $"{gone.Id} released ({Name(gone.ClientKind)} {Session(gone)})";
        }
    }

    /// <summary>A host that is no longer in the cluster.</summary>
    public static string HostGone(HostView host) => $"host {host.Name} ({host.Node}) left the cluster";

    // Another token's reservation comes redacted (Auth/Visibility): no session, breakpoint or label, so none is told.
    private static string Describe(Reservation r) => r.Breakpoint is null
        ? $"{Name(r.ClientKind)} {Session(r)} on {Where(r)}"
        : $"{Name(r.ClientKind)} {Session(r)}, {Name(r.Breakpoint.Access)} 0x{r.Breakpoint.Address:x}/{r.Breakpoint.Length} " +
            $"on {Where(r)}{(r.Label.Length > 0 ? $" '{r.Label}'" : "")}";

    // A process reservation is listed as one part per task of the process: each says which process it belongs to.
    private static string Where(Reservation r) => r.ProcessPid == 0 ? Scope(r.Scope) : $"{Scope(r.Scope)} of process {r.ProcessPid}";

    private static string Session(Reservation r) => r.SessionId.Length > 0 ? r.SessionId : Visibility.HiddenSession;

    private static string Scope(Protos.V1.Scope scope) => scope.TargetCase switch
    {
        Protos.V1.Scope.TargetOneofCase.Cpu => $"cpu {scope.Cpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.Task => $"task {scope.Task.Tid}",
        Protos.V1.Scope.TargetOneofCase.TaskOnCpu => $"task {scope.TaskOnCpu.Tid} on cpu {scope.TaskOnCpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.Process => $"process {scope.Process.Pid}",
        _ => "all cpus",
    };

    private static string StateOf(Reservation r) => r.Queued ? "QUEUED" : Name(r.State);

    // ClientKind.Perf -> "PERF", as the page shows the wire's enum names without their prefix.
    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();
}
