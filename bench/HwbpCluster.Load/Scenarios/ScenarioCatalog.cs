namespace HwbpCluster.Load.Scenarios;

/// <summary>Every scenario the tool knows, by the short key given to --scenario; the first is the baseline.</summary>
public static class ScenarioCatalog
{
    /// <summary>Short keys and factories, in run order.</summary>
    public static IReadOnlyList<(string Key, Func<LoadScenario> Create)> All { get; } =
    [
        ("echo-grpc-dotnet", () => new GrpcDotnetEchoScenario()),
        ("echo-python", () => new PythonServerEchoScenario()),
        ("node-rpc", () => new NodeReserveOrReleaseScenario()),
        ("node-reserve-release", () => new NodeReserveReleaseScenario()),
        ("cluster-direct", () => new ClusterReserveReleaseScenario(forwarded: false)),
        ("cluster-forwarded", () => new ClusterReserveReleaseScenario(forwarded: true)),
        ("cluster-processes-direct", () => new ClusterProcessesScenario(forwarded: false)),
        ("cluster-processes-forwarded", () => new ClusterProcessesScenario(forwarded: true)),
        ("fleet-100x3", () => new FleetProcessesScenario(nodes: 3, hosts: 100)),
        ("fleet-1000x5", () => new FleetProcessesScenario(nodes: 5, hosts: 1000)),
    ];
}
