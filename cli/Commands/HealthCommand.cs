using System.CommandLine;
using HwbpCluster.Cli.Internal;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp health [--service S]</c>: grpc.health.v1 Check; exit 1 unless SERVING.</summary>
internal static class HealthCommand
{
    public static Command Create(GlobalOptions global)
    {
        var service = new Option<string>("--service")
        {
            Description = "A service such as hwbp.v1.Arbiter; empty: the node",
            DefaultValueFactory = _ => "",
        };
        var command = new Command("health", "Is the node serving?") { service };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var status = await client.CheckHealthAsync(parsed.GetValue(service) ?? string.Empty, ct);
            var text = Names.Health(status);
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("status", text);
                    w.WriteString("node", client.Address.ToString());
                    w.WriteEndObject();
                },
                $"{text} {client.Address}");
            return status == ServingStatus.Serving ? CliApp.Ok : CliApp.RpcError;
        });
        return command;
    }
}
