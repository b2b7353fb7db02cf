using System.Globalization;
using System.Text.Json;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HwbpCluster.Cli.Internal;

/// <summary>One refresh of <c>hwbp top</c>: the hosts watched and their reservations, fetched together.</summary>
internal sealed record TopFrame(DateTimeOffset Time, IReadOnlyList<HostState> Hosts, IReadOnlyList<Reservation> Reservations, bool Fleet)
{
    /// <summary>One host (null: the node's own), or with <paramref name="fleet"/> every host of every member.</summary>
    public static async Task<TopFrame> FetchAsync(HwbpClient client, string? host, bool fleet, TimeProvider time, CancellationToken ct)
    {
        if (!fleet)
        {
            var state = await client.GetHostAsync(host, ct);
            return new TopFrame(time.GetUtcNow(), [state], await client.ListReservationsAsync(state.Host, null, ct), false);
        }

        var members = await client.ListMembersAsync(ct);
        var names = members.Members.SelectMany(m => m.Hosts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var hosts = await Task.WhenAll(names.Select(name => client.GetHostAsync(name, ct)));
        return new TopFrame(time.GetUtcNow(), hosts, await client.ListReservationsAsync(null, null, ct), true);
    }

    public IRenderable Render()
    {
        var when = Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var rows = new List<IRenderable>();
        if (Fleet)
        {
            rows.Add(new Text($"hwbp top: {Hosts.Count} host(s), {Reservations.Count} reservation(s) at {when}"));
            rows.Add(FleetTable());
        }
        else
        {
            rows.Add(new Text($"hwbp top: {Tables.HostTitle(Hosts[0])} at {when}"));
            rows.Add(Tables.Host(Hosts[0]));
        }

        rows.Add(Reservations.Count == 0 ? new Text("no reservations") : Tables.Reservations(Reservations));
        return new Rows(rows);
    }

    /// <summary>{"time", "hosts": [host...], "reservations": [reservation...]}.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("time", Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
        w.Array("hosts", Hosts, Shapes.Host);
        w.Array("reservations", Reservations, Shapes.Reservation);
        w.WriteEndObject();
    }

    private Table FleetTable()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("host", "arch", "backend", "cpus", "slots used", "reservations", "hits");
        foreach (var host in Hosts)
        {
            var mine = Reservations.Where(r => r.Host == host.Host).ToArray();
            var used = host.Cpus.Sum(c => c.Slots.Count(s => s.ReservationId.Length > 0));
            var total = host.Cpus.Count * Format.SlotCount(host);
            table.AddRow(Cells.Of(
                host.Host, host.Arch, host.Backend, host.Cpus.Count.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{used}/{total}"), mine.Length.ToString(CultureInfo.InvariantCulture),
                mine.Aggregate(0UL, (sum, r) => sum + r.Hits).ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }
}
