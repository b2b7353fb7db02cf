using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Node.Tests.Hosting;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7070")]
    [InlineData("http://localhost:7070")]
    [InlineData("http://[::1]:7070")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void Loopback_addresses_are_not_exposed(string urls) => Assert.Empty(ListenAddresses.NonLoopback(urls));

    [Theory]
    [InlineData("http://0.0.0.0:7070")]
    [InlineData("http://*:7070")]
    [InlineData("http://+:7070")]
    [InlineData("http://10.1.2.3:7070")]
    [InlineData("http://node1.example:7070")]
    [InlineData("http://127.0.0.1:7070;http://[::]:7070")]
    public void Any_other_address_is_exposed(string urls) => Assert.Single(ListenAddresses.NonLoopback(urls));
}
