using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HwbpCluster.Testing;

/// <summary>
/// A private network the test builds in Linux network namespaces: one namespace per member, each with one veth into a bridge
/// in a hub namespace, and an address in 10.250.0.0/24 that exists only inside them (so concurrent runs never collide). A
/// member's link can be cut (its veth taken off the bridge: packets vanish, as in a real partition, with the carrier still
/// up) and healed. The test process stays in its own namespace and reaches a member through sockets created in that member's
/// namespace (<see cref="Handler"/>), so a cut never hides a member from the test. Disposing deletes every namespace; names
/// carry this process's id, and namespaces left by a process that no longer runs are deleted by the next run.
/// </summary>
public sealed class NetworkNamespaces : IDisposable
{
    private const string Prefix = "hwbp-t";
    private const int CloneNewNet = 0x40000000;
    private static readonly Lazy<string?> Unavailable = new(Probe);
    private static int runs;
    private readonly string run;
    private readonly List<string> created = [];

    private NetworkNamespaces(string run, int members)
    {
        this.run = run;
        Members = members;
    }

    /// <summary>How many member namespaces there are.</summary>
    public int Members { get; }

    /// <summary>Why namespaces cannot be made here (a skip reason), or null when they can.</summary>
    public static string? UnlessAvailable() => Unavailable.Value;

    /// <summary>Builds the hub and <paramref name="members"/> member namespaces, all linked.</summary>
    public static NetworkNamespaces Create(int members)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(members, 200);
        DeleteAbandoned();
        var network = new NetworkNamespaces($"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref runs)}", members);
        try
        {
            network.Build();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The name of member <paramref name="i"/>'s namespace (0-based).</summary>
    public string Namespace(int i) => $"{run}-m{i}";

    /// <summary>Member <paramref name="i"/>'s address, reachable from every member while its link is up.</summary>
    public string Address(int i) => $"10.250.0.{i + 1}";

    /// <summary>The command prefix that runs a program in member <paramref name="i"/>'s namespace.</summary>
    public IReadOnlyList<string> Launcher(int i) => ["ip", "netns", "exec", Namespace(i)];

    /// <summary>Cuts member <paramref name="i"/> off from all the others (both directions, silently).</summary>
    public void Cut(int i) => Ip("-n", Hub, "link", "set", Port(i), "nomaster");

    /// <summary>Links member <paramref name="i"/> to the others again.</summary>
    public void Heal(int i) => Ip("-n", Hub, "link", "set", Port(i), "master", "br0");

    /// <summary>An HTTP handler whose connections start inside member <paramref name="i"/>'s namespace (e.g. for a GrpcChannel).</summary>
    public SocketsHttpHandler Handler(int i) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = Socket(i);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A TCP socket created inside member <paramref name="i"/>'s namespace (where a socket is made decides its network).</summary>
    public Socket Socket(int i)
    {
        Socket? socket = null;
        Exception? failure = null;

        // setns moves the calling thread only; a thread of its own does it and ends, so no pool thread is left in the namespace.
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{Namespace(i)}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns into {Namespace(i)} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException($"no socket in {Namespace(i)}", failure);
    }

    /// <summary>Deletes every namespace this network made (members' processes must have ended, or they keep theirs alive, unnamed).</summary>
    public void Dispose()
    {
        foreach (var name in Enumerable.Reverse(created))
        {
            TryIp("netns", "del", name);
        }

        created.Clear();
    }

    private string Hub => $"{run}-hub";

    private static string Port(int i) => $"p{i}";

    private void Build()
    {
        Add(Hub);
        Ip("-n", Hub, "link", "set", "lo", "up");
        Ip("-n", Hub, "link", "add", "br0", "type", "bridge");
        Ip("-n", Hub, "link", "set", "br0", "up");
        for (var i = 0; i < Members; i++)
        {
            var member = Namespace(i);
            Add(member);
            Ip("link", "add", "eth0", "netns", member, "type", "veth", "peer", "name", Port(i), "netns", Hub);
            Ip("-n", member, "addr", "add", $"{Address(i)}/24", "dev", "eth0");
            Ip("-n", member, "link", "set", "eth0", "up");
            Ip("-n", member, "link", "set", "lo", "up");
            Ip("-n", Hub, "link", "set", Port(i), "master", "br0");
            Ip("-n", Hub, "link", "set", Port(i), "up");
        }
    }

    private void Add(string name)
    {
        Ip("netns", "add", name);
        created.Add(name);
    }

    // Namespaces of earlier runs whose process is gone (killed before it could clean up).
    private static void DeleteAbandoned()
    {
        var names = Directory.Exists("/var/run/netns") ? Directory.GetFiles("/var/run/netns").Select(Path.GetFileName).OfType<string>() : [];
        foreach (var name in names.Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var pid = name[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, out var id) && id != Environment.ProcessId && !Directory.Exists($"/proc/{id}"))
            {
                TryIp("netns", "del", name);
            }
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux only";
        }

        var probe = $"{Prefix}{Environment.ProcessId}-probe";
        var (code, error) = Run("netns", "add", probe);
        if (code != 0)
        {
            return $"cannot create a network namespace here (needs root or CAP_SYS_ADMIN and the ip tool): {error.Trim()}";
        }

        var (linked, veth) = Run("-n", probe, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
        Run("netns", "del", probe);
        return linked == 0 ? null : $"cannot create a veth pair in a network namespace here: {veth.Trim()}";
    }

    private static void Ip(params string[] args)
    {
        var (code, error) = Run(args);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({code}): {error.Trim()}");
        }
    }

    private static void TryIp(params string[] args) => Run(args);

    private static (int Code, string Error) Run(params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
}
