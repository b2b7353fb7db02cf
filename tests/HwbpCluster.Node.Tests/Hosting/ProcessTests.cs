using System.Diagnostics;
using Grpc.Net.Client;
using HwbpCluster.Protos.Health.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>The real hwbp-node executable, started as a process; every wait is bounded.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_executable_starts_a_simulated_node_that_answers_health()
    {
        using var node = Start("--backend", "sim", "--cpus", "4", "--urls", "http://127.0.0.1:0");
        try
        {
            using var cts = new CancellationTokenSource(Bound);
            var banner = await ReadBannerAsync(node, cts.Token);
            Assert.Contains("hosts h1 (sim, x86-64, 4 cpus)", banner, StringComparison.Ordinal);
            var address = banner.Split(" on ")[1].Split(' ')[0];

            using var channel = GrpcChannel.ForAddress(address);
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Bound);
            Assert.Equal(ServingStatus.Serving, health.Status);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync(new CancellationTokenSource(Bound).Token);
        }
    }

    [Theory]
    [InlineData("--auth-tokens-file", "--urls", "http://0.0.0.0:0")]
    [InlineData("--arch", "--arch", "sparc", "--urls", "http://127.0.0.1:0")]
    public async Task A_configuration_the_node_refuses_exits_non_zero_saying_why(string says, params string[] args)
    {
        using var node = Start(args);
        using var cts = new CancellationTokenSource(Bound);
        var error = await node.StandardError.ReadToEndAsync(cts.Token);
        await node.WaitForExitAsync(cts.Token);
        Assert.Equal(2, node.ExitCode);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    /// <summary>Starts the built hwbp-node.dll with <paramref name="args"/>, logging warnings only.</summary>
    internal static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hwbp-node.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    internal static async Task<string> ReadBannerAsync(Process node, CancellationToken cancellationToken)
    {
        while (await node.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("hwbp-node ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        var error = await node.StandardError.ReadToEndAsync(cancellationToken);
        throw new InvalidOperationException($"hwbp-node exited ({node.ExitCode}) without a banner: {error}");
    }
}
