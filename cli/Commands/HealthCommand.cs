using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.Health.V1;
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
            var text = status switch
            {
                ServingStatus.Serving => "SERVING",
                ServingStatus.NotServing => "NOT_SERVING",
                ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
                _ => "UNKNOWN",
            };
            await global.Printer(parsed).WriteAsync(new HealthCheckResponse { Status = status }, $"{text} {client.Address}");
            return status == ServingStatus.Serving ? CliApp.Ok : CliApp.RpcError;
        });
        return command;
    }
}
