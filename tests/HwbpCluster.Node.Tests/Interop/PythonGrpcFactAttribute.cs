using System.Diagnostics;

namespace HwbpCluster.Node.Tests.Interop;

/// <summary>A fact whose peer is Debian's python3-grpcio; where <c>/usr/bin/python3</c> cannot import it, the fact skips saying so.</summary>
public sealed class PythonGrpcFactAttribute : FactAttribute
{
    /// <summary>The interpreter that sees Debian's modules (the first python3 on PATH may be another one).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Problem = new(FindProblem);

    public PythonGrpcFactAttribute() => Skip = Problem.Value;

    private static string? FindProblem()
    {
        if (!File.Exists(Python))
        {
            return $"needs {Python} with python3-grpcio (apt-get install python3-grpcio python3-protobuf)";
        }

        var info = new ProcessStartInfo(Python, "-c \"import grpc, google.protobuf\"") { RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        return process.WaitForExit(30_000) && process.ExitCode == 0
            ? null
            : $"needs python3-grpcio for {Python} (apt-get install python3-grpcio python3-protobuf): {error.Trim()}";
    }
}
