using System.Diagnostics;
using HwbpCluster.Rpc.Tests.Interop;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>Debian's python3-grpcio as a test peer: availability, scripts, the interop descriptor they load.</summary>
public static class PythonGrpc
{
    /// <summary>Debian's interpreter (the first python3 on PATH may be another one that lacks Debian's modules); HWBP_PYTHON overrides it.</summary>
    public static readonly string Interpreter = Environment.GetEnvironmentVariable("HWBP_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);
    private static readonly Lazy<string> Descriptor = new(WriteDescriptor);

    /// <summary>Why the python peer cannot run here, or null when it can.</summary>
    public static string? Missing => MissingReason.Value;

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>The interop.v1 FileDescriptorProto, from which the scripts build their message classes.</summary>
    public static string DescriptorPath => Descriptor.Value;

    public static ProcessStartInfo StartInfo(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "python"),
        };
        info.ArgumentList.Add(ScriptPath(script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Loopback only, and no proxy from the environment may capture it.
        info.Environment["no_proxy"] = "127.0.0.1";
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        return info;
    }

    private static string? FindMissingReason()
    {
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} is missing: install python3-grpcio and python3-protobuf (apt-get) to run the interop tests.";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Interpreter, "-c \"import grpc, google.protobuf\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0
                ? null
                : "python3-grpcio or python3-protobuf is missing: `apt-get install -y python3-grpcio python3-protobuf` to run the interop tests.";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Interpreter} cannot run: {ex.Message}";
        }
    }

    private static string WriteDescriptor()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hwbp-interop-{Environment.ProcessId}.pb");
        File.WriteAllBytes(path, InteropReflection.Descriptor.SerializedData.ToByteArray());
        return path;
    }
}
