using System.Diagnostics;
using Google.Protobuf.Reflection;

namespace HwbpCluster.Testing;

/// <summary>Debian's python3-grpcio as a test peer: whether it runs here, and how to start a script with the API's descriptors.</summary>
internal static class PythonGrpc
{
    /// <summary>Debian's interpreter: the first python3 on PATH may be another one that lacks Debian's modules (WIRE.md).</summary>
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    /// <summary>Why the python peer cannot run here, or null when it can.</summary>
    public static string? Missing => MissingReason.Value;

    /// <summary>Writes <paramref name="files"/>' FileDescriptorProtos to <paramref name="directory"/>, for the scripts to build messages from.</summary>
    public static string[] WriteDescriptors(string directory, params FileDescriptor[] files) => files.Select(file =>
    {
        var path = Path.Combine(directory, Path.GetFileName(file.Name) + ".pb");
        File.WriteAllBytes(path, file.SerializedData.ToByteArray());
        return path;
    }).ToArray();

    /// <summary>Starts python/<paramref name="script"/> from the test's output folder, stdin and stdout redirected.</summary>
    public static Process Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Loopback only: no proxy from the environment may capture it.
        info.Environment["no_proxy"] = "127.0.0.1";
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        return Process.Start(info) ?? throw new InvalidOperationException($"{Interpreter} did not start");
    }

    private static string? FindMissingReason()
    {
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} is missing: `apt-get install -y python3-grpcio python3-protobuf` to run the interop tests";
        }

        using var probe = Process.Start(new ProcessStartInfo(Interpreter, "-c \"import grpc, google.protobuf\"")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        return probe.WaitForExit(30_000) && probe.ExitCode == 0
            ? null
            : "python3-grpcio or python3-protobuf is missing: `apt-get install -y python3-grpcio python3-protobuf` to run the interop tests";
    }
}
