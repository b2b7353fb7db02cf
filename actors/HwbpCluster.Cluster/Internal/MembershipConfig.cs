using System.Globalization;
using Akka.Configuration;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The HOCON of one membership incarnation: remoting on the cluster port (TLS or not), protobuf only, tuned failure detection and downing.</summary>
internal static class MembershipConfig
{
    /// <summary>The actor system's name; every node uses the same, since Akka addresses include it.</summary>
    public const string SystemName = "hwbp";

    /// <summary>The config for a node that binds <paramref name="port"/> and joins with <paramref name="roles"/>.</summary>
    public static Config Build(ClusterNodeOptions options, int port, IEnumerable<string> roles) => ConfigurationFactory.ParseString(
        string.Create(CultureInfo.InvariantCulture, $$"""
        akka {
          # Akka logs to stdout; association warnings are routine when a node dies, so only errors are shown.
          loglevel = ERROR
          stdout-loglevel = ERROR
          actor {
            provider = cluster
            # Nothing crosses nodes as JSON with type names: a message type without a binding is an error (protobuf is bound).
            serialization-settings.allow-unregistered-types = false
            ask-timeout = {{Ms(options.CallTimeout)}}
          }
          remote.dot-netty.tcp {
            hostname = "{{options.Hostname}}"
            port = {{port}}
            # Batching holds a lone write up to the flush interval (40 ms): host calls are small and latency-bound.
            batching.enabled = false
            # Mutual TLS when the node has a cluster certificate; the certificate and the peer check come as a DotNettySslSetup.
            enable-ssl = {{(options.Tls is null ? "off" : "on")}}
          }
          coordinated-shutdown.exit-clr = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster {
            roles = [{{string.Join(", ", roles.Select(Quote))}}]
            failure-detector.acceptable-heartbeat-pause = {{Ms(options.HeartbeatPause)}}
            # The reaper turns a failure detector's verdict into Unreachable; at its 1 s default it adds up to 1 s to every detection.
            unreachable-nodes-reaper-interval = 250ms
            downing-provider-class = "{{typeof(MajorityDowningProvider).AssemblyQualifiedName}}"
            hwbp-downing.stable-after = {{Ms(options.StableAfter)}}
            # Shut the incarnation down when downed; the node's membership runner starts the next one.
            run-coordinated-shutdown-when-down = on
            log-info = off
          }
        }
        """));

    private static string Ms(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    private static string Quote(string role) => "\"" + role.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
