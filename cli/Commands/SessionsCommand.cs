using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;
using Spectre.Console;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp sessions [list] | open | renew | close | hits | events</c>: sessions that outlive one command.</summary>
/// <remarks>
/// A session opened here is not renewed by anyone: its lease runs out after --ttl-ms unless <c>sessions renew</c> is run,
/// and then the node releases everything it holds. <c>watch</c> and <c>fleet watch</c> hold their own session instead.
/// </remarks>
internal static class SessionsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var list = List(global);
        var command = new Command("sessions", "Sessions that outlive one command: list (the default), open, renew, close, hits, events")
        {
            list, Open(global), Renew(global), Close(global), SessionStreamsCommand.Hits(global), SessionStreamsCommand.Events(global),
        };
        command.Action = list.Action;
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var host = new Option<string?>("--host") { Description = "Only sessions holding reservations on this host" };
        var command = new Command("list", "Sessions that hold reservations (sessions holding none are not listed)") { host };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var sessions = (await client.ListReservationsAsync(parsed.GetValue(host), null, ct))
                .GroupBy(r => r.SessionId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToArray();
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.Array("sessions", sessions, (w, s) =>
                    {
                        w.WriteStartObject();
                        w.WriteString("sessionId", s.Key);
                        w.WriteString("kind", Names.Kind(s.First().ClientKind));
                        w.WriteNumber("reservations", s.Count());
                        w.Strings("hosts", s.Select(r => r.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                        w.WriteEndObject();
                    });
                    w.WriteEndObject();
                },
                () =>
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("session", "kind", "reservations", "hosts");
                    foreach (var s in sessions)
                    {
                        var hosts = string.Join(",", s.Select(r => r.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                        table.AddRow(Cells.Of(s.Key, Names.Kind(s.First().ClientKind), s.Count().ToString(CultureInfo.InvariantCulture), hosts));
                    }

                    return table;
                });
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Open(GlobalOptions global)
    {
        var options = new SessionOptions();
        var command = new Command("open", "Open a session and print its id (its lease runs out unless renewed)");
        options.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var kind = options.ClientKind(parsed, null);
            var request = new OpenSessionRequest
            {
                ClientName = parsed.GetValue(options.Name) ?? "hwbp-cli",
                ClientKind = kind,
                TtlMs = parsed.GetValue(options.TtlMs),
            };
            await using var client = global.Connect(parsed);
            var opened = await client.OpenSessionAsync(request, ct);
            await global.Printer(parsed).WriteAsync(
                w => Lease(w, opened.SessionId, opened.TtlMs, kind),
                string.Create(CultureInfo.InvariantCulture, $"{opened.SessionId} ({Names.Kind(kind)}, lease {opened.TtlMs} ms)"));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Renew(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var command = new Command("renew", "Renew a session's lease for its whole TTL") { session };
        command.SetAction(async (parsed, ct) =>
        {
            var id = parsed.GetRequiredValue(session);
            await using var client = global.Connect(parsed);
            var renewed = await client.KeepAliveAsync(new KeepAliveRequest { SessionId = id }, ct);
            await global.Printer(parsed).WriteAsync(
                w => Lease(w, id, renewed.TtlMs, null),
                string.Create(CultureInfo.InvariantCulture, $"{id} renewed for {renewed.TtlMs} ms"));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Close(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var command = new Command("close", "Close a session, releasing every reservation it holds") { session };
        command.SetAction(async (parsed, ct) =>
        {
            var id = parsed.GetRequiredValue(session);
            await using var client = global.Connect(parsed);
            var closed = await client.CloseSessionAsync(new CloseSessionRequest { SessionId = id }, ct);
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("sessionId", id);
                    w.WriteNumber("released", closed.Released);
                    w.WriteEndObject();
                },
                string.Create(CultureInfo.InvariantCulture, $"{id} closed, {closed.Released} reservation(s) released"));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>{"sessionId", "ttlMs", "kind"} (kind null when renewing).</summary>
    private static void Lease(Utf8JsonWriter w, string id, uint ttlMs, ClientKind? kind)
    {
        w.WriteStartObject();
        w.WriteString("sessionId", id);
        w.WriteNumber("ttlMs", ttlMs);
        w.StringOrNull("kind", kind is { } k ? Names.Kind(k) : null);
        w.WriteEndObject();
    }
}
