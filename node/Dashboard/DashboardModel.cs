using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Dashboard;

/// <summary>What the pages were last told, and what changed since: each read of the cluster becomes one patch that carries only
/// the hosts whose JSON changed, the membership when it changed, and the new log lines; a page that connects gets a snapshot.</summary>
/// <remarks>Not thread-safe: one feed loop owns it.</remarks>
/// <param name="self">This node's name.</param>
/// <param name="viewer">The token whose view of the cluster this is (others' reservations redacted), or null for everything.</param>
internal sealed class DashboardModel(string self, string? viewer = null)
{
    /// <summary>Hits per second are measured over this long.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, (HostView View, string Json, bool Hit)> hosts = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly ChangeLog log = new();
    private readonly Dictionary<string, Queue<(DateTimeOffset Time, Dictionary<string, ulong> Hits)>> hitHistory = new(StringComparer.Ordinal);
    private Dictionary<string, Member> members = new(StringComparer.Ordinal);
    private string membersJson = "[]";
    private DateTimeOffset? lastRead;

    /// <summary>The hosts as last read (the last known state of those that cannot be read now).</summary>
    public IReadOnlyDictionary<string, HostView> Hosts => hosts.ToDictionary(h => h.Key, h => h.Value.View, StringComparer.Ordinal);

    /// <summary>Whether a read has been applied yet (a snapshot before it would show an empty cluster).</summary>
    public bool HasRead => lastRead is not null;

    /// <summary>Nobody watched for a while: the next read is taken as it is, without presenting what changed meanwhile as if
    /// it had just happened (the log says when watching resumed). The hosts' JSON is kept, so unchanged hosts cost nothing.</summary>
    public void Restart() => lastRead = null;

    /// <summary>Takes in a new read; returns the patch for pages already connected, or null when nothing changed.</summary>
    public string? Apply(DashboardView view)
    {
        var first = lastRead is null;
        lastRead = view.Time;
        var changes = new List<string>();

        var nowMembers = view.Members.Members.ToDictionary(m => m.Node, StringComparer.Ordinal);
        var nowMembersJson = "[" + string.Join(",", view.Members.Members.Select(DashboardJson.Message)) + "]";
        var membersChanged = nowMembersJson != membersJson;
        if (!first)
        {
            changes.AddRange(ChangeLog.MemberChanges(members, nowMembers));
        }

        (members, membersJson) = (nowMembers, nowMembersJson);

        var changed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in view.Hosts)
        {
            seen.Add(host.Name);
            var had = hosts.TryGetValue(host.Name, out var before);

            var rate = Rates(host.Name, host, view.Time, out var rates);

            // Formatting is the costly part of a read: a host that did not change (and has no hits to show) keeps its JSON.
            if (had && rates.Count == 0 && !before.Hit && Same(before.View, host))
            {
                hosts[host.Name] = before with { View = host };
                continue;
            }

            var json = DashboardJson.Host(host, rate, rates);
            if (!first)
            {
                changes.AddRange(ChangeLog.HostChanges(had ? before.View : null, host));
            }

            if (!had)
            {
                order.Add(host.Name);
            }

            if (!had || before.Json != json)
            {
                changed.Add(json);
            }

            hosts[host.Name] = (host, json, rates.Count > 0);
        }

        var removed = order.Where(name => !seen.Contains(name)).ToList();
        foreach (var name in removed)
        {
            if (!first)
            {
                changes.Add(ChangeLog.HostGone(hosts[name].View));
            }

            hosts.Remove(name);
            hitHistory.Remove(name);
            order.Remove(name);
        }

        if (first)
        {
            changes.Add($"watching {view.Members.Members.Count} member(s) and {view.Hosts.Count} host(s) from node {self}");
        }

        var lines = log.Add(view.Time, changes);
        if (!membersChanged && changed.Count == 0 && removed.Count == 0 && lines.Count == 0)
        {
            return null;
        }

        return DashboardJson.Event("patch", json =>
        {
            json.WriteNumber("time", view.Time.ToUnixTimeMilliseconds());
            if (membersChanged)
            {
                json.WritePropertyName("members");
                json.WriteRawValue(membersJson, skipInputValidation: true);
            }

            DashboardJson.RawArray(json, "hosts", changed);
            json.WriteStartArray("removed");
            removed.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            DashboardJson.RawArray(json, "log", lines);
        });
    }

    /// <summary>Everything a page that just connected needs: every member, every host in order, and the log kept so far.</summary>
    public string Snapshot() => DashboardJson.Event("snapshot", json =>
    {
        json.WriteString("self", self);
        if (viewer is not null)
        {
            json.WriteString("viewer", viewer);
        }

        json.WriteNumber("time", (lastRead ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
        json.WritePropertyName("members");
        json.WriteRawValue(membersJson, skipInputValidation: true);
        DashboardJson.RawArray(json, "hosts", order.Select(name => hosts[name].Json));
        DashboardJson.RawArray(json, "log", log.Lines);
    });

    // Protobuf messages compare by value: the same state and the same reservations (hits included) in the same order.
    private static bool Same(HostView before, HostView now) =>
        before.Reachable == now.Reachable && before.Error == now.Error && before.Node == now.Node && Equals(before.State, now.State)
        && before.Reservations.SequenceEqual(now.Reservations);

    // Hits per second of each reservation over the last RateWindow: against the oldest read of this host inside the window (a
    // counter that went down, i.e. a new incarnation, counts 0). Over a window rather than one interval, so the figure is
    // steady and a short burst stays visible for a second.
    private double Rates(string host, HostView now, DateTimeOffset time, out Dictionary<string, double> rates)
    {
        rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!hitHistory.TryGetValue(host, out var history))
        {
            hitHistory[host] = history = new Queue<(DateTimeOffset, Dictionary<string, ulong>)>();
        }

        if (!now.Reachable || now.Error.Length > 0)
        {
            history.Clear();
            return 0;
        }

        while (history.Count > 1 && time - history.ElementAt(1).Time >= RateWindow)
        {
            history.Dequeue();
        }

        var total = 0.0;
        if (history.TryPeek(out var oldest) && (time - oldest.Time).TotalSeconds is var seconds && seconds > 0)
        {
            foreach (var reservation in now.Reservations)
            {
                if (oldest.Hits.TryGetValue(reservation.Id, out var hits) && reservation.Hits > hits)
                {
                    var rate = (reservation.Hits - hits) / Math.Max(seconds, RateWindow.TotalSeconds);
                    rates[reservation.Id] = rate;
                    total += rate;
                }
            }
        }

        history.Enqueue((time, now.Reservations.ToDictionary(r => r.Id, r => r.Hits, StringComparer.Ordinal)));
        return total;
    }
}
