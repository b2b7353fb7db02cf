using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Node.Tests.Wire;

/// <summary>Requests framed or sized wrongly get the status the gRPC spec names, never UNKNOWN, and the node keeps serving.</summary>
public sealed class FramingTests : IAsyncLifetime
{
    // A field 3 (length-delimited) declaring 0x7FFFFFFF bytes that never come.
    private static readonly byte[] HugeLength = [0x1a, 0xff, 0xff, 0xff, 0xff, 0x07];

    private NodeServer server = null!;

    public async Task InitializeAsync() => server = await NodeServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/hwbp.v1.Arbiter/Reserve")]
    [InlineData("/hwbp.v1.Arbiter/Modify")]
    [InlineData("/hwbp.v1.Arbiter/EnterGuest")]
    [InlineData("/hwbp.v1.Fleet/FleetReserve")]
    [InlineData("/hwbp.v1.Fleet/FleetRelease")]
    public async Task A_field_declaring_two_gibibytes_is_invalid_argument(string method)
    {
        var (status, message) = await RawGrpc.SendAsync(server.Address, method, RawGrpc.Frame(HugeLength));

        Assert.Equal((int)StatusCode.InvalidArgument, status);
        Assert.Contains("protobuf", message, StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task A_unary_call_without_a_request_message_is_unimplemented()
    {
        var (status, message) = await RawGrpc.SendAsync(server.Address, "/hwbp.v1.Arbiter/GetHost", []);

        Assert.Equal((int)StatusCode.Unimplemented, status);
        Assert.Contains("exactly one request message", message, StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task A_unary_call_with_two_request_messages_is_unimplemented()
    {
        var (status, message) = await RawGrpc.SendAsync(server.Address, "/hwbp.v1.Arbiter/GetHost", [.. RawGrpc.Frame(), .. RawGrpc.Frame()]);

        Assert.Equal((int)StatusCode.Unimplemented, status);
        Assert.Contains("exactly one request message", message, StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    public async Task An_invalid_grpc_timeout_is_refused_naming_the_header(string timeout)
    {
        var (status, message) = await RawGrpc.SendAsync(
            server.Address, "/hwbp.v1.Arbiter/GetHost", RawGrpc.Frame(), new Dictionary<string, string> { ["grpc-timeout"] = timeout });

        Assert.Equal((int)StatusCode.InvalidArgument, status);
        Assert.Contains("grpc-timeout", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_grpc_timeout_is_served()
    {
        var (status, _) = await RawGrpc.SendAsync(
            server.Address, "/hwbp.v1.Arbiter/GetHost", RawGrpc.Frame(), new Dictionary<string, string> { ["grpc-timeout"] = "5S" });

        Assert.Equal((int)StatusCode.OK, status);
    }

    private async Task AssertStillServing()
    {
        var (status, _) = await RawGrpc.SendAsync(server.Address, "/hwbp.v1.Arbiter/GetHost", RawGrpc.Frame());
        Assert.Equal((int)StatusCode.OK, status);
    }

    [Fact]
    public async Task Requests_the_client_got_wrong_are_not_logged_as_node_failures()
    {
        var logs = new LogRecorder();
        await using var node = await NodeServer.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs));

        await RawGrpc.SendAsync(node.Address, "/hwbp.v1.Arbiter/Reserve", RawGrpc.Frame(HugeLength));
        await RawGrpc.SendAsync(node.Address, "/hwbp.v1.Arbiter/OpenSession", RawGrpc.Frame(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f));
        await RawGrpc.SendAsync(node.Address, "/hwbp.v1.Arbiter/GetHost", [.. RawGrpc.Frame(), .. RawGrpc.Frame()]);

        await node.Client().OpenAsync();
        Assert.Contains(logs.Entries, e => e.Category.EndsWith("SessionRegistry", StringComparison.Ordinal)); // the recorder hears the node
        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud.Take(3)));
    }
}
