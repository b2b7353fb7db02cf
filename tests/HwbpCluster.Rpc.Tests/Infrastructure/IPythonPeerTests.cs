namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>Marks a test class whose peer is python3-grpcio: its <see cref="PeerFactAttribute"/> tests skip where that is missing.</summary>
public interface IPythonPeerTests;
