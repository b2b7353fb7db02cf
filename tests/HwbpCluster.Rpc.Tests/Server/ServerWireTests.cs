using System.Net;
using Google.Protobuf;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>Hand-made HTTP/2 requests against our server: what goes on the wire, and what bad requests get back.</summary>
public sealed class ServerWireTests : IAsyncLifetime
{
    private const string EchoPath = "/interop.v1.Interop/Echo";
    private KestrelGrpcServer server = null!;
    private RawGrpcClient client = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelGrpcServer.StartAsync();
        client = new RawGrpcClient(server.Address);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_reply_carries_identity_encoding_in_headers_and_its_status_in_trailers()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, new EchoRequest { Text = "x" }.ToByteArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("identity", response.Headers["grpc-encoding"]);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal("0", response.Trailers["grpc-status"]);
        Assert.Equal("x", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Text);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/grpcx")]
    public async Task Request_that_is_not_grpc_content_gets_http_415(string contentType)
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, []), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Request_with_a_grpc_content_type_variant_is_served(string contentType)
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, []), contentType);

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
    }

    [Fact]
    public async Task Compressed_message_that_cannot_be_decoded_is_unimplemented()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(1, [1, 2, 3]), headers: [("grpc-encoding", "gzip")]);

        Assert.Equal(StatusCode.Unimplemented, response.GrpcStatus);
    }

    [Fact]
    public async Task Frame_with_an_invalid_compressed_flag_is_internal()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(2, []));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Truncated_message_is_internal()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, [0x0a, 0x01], declaredLength: 10));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Truncated_frame_header_is_internal()
    {
        var response = await client.PostAsync(EchoPath, [0, 0, 0]);

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Bytes_that_are_not_protobuf_are_internal()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, [0xff, 0xff, 0xff, 0xff]));

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Unary_request_without_a_message_is_internal()
    {
        var response = await client.PostAsync(EchoPath, []);

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Unary_request_with_two_messages_is_internal()
    {
        var response = await client.PostAsync(EchoPath, [.. RawGrpcClient.Frame(0, []), .. RawGrpcClient.Frame(0, [])]);

        Assert.Equal(StatusCode.Internal, response.GrpcStatus);
    }

    [Fact]
    public async Task Declared_length_over_the_limit_is_refused_before_the_message_arrives()
    {
        var response = await client.PostAsync(EchoPath, RawGrpcClient.Frame(0, [], declaredLength: (4 * 1024 * 1024) + 1));

        Assert.Equal(StatusCode.ResourceExhausted, response.GrpcStatus);
    }

    [Fact]
    public async Task Unknown_method_is_answered_trailers_only_with_unimplemented()
    {
        var response = await client.PostAsync("/interop.v1.Interop/Nope", RawGrpcClient.Frame(0, []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers["grpc-status"]);
        Assert.Empty(response.Trailers);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Non_grpc_request_to_an_unknown_path_gets_http_404()
    {
        var response = await client.PostAsync("/some/page", [], "text/plain");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Error_detail_is_percent_encoded_on_the_wire()
    {
        var request = new EchoRequest { StatusCode = (int)StatusCode.NotFound, StatusMessage = "100% ✓" };

        var response = await client.PostAsync("/interop.v1.Interop/Fail", RawGrpcClient.Frame(0, request.ToByteArray()));

        Assert.Equal("5", response.Headers["grpc-status"]);
        Assert.Equal("100%25 %E2%9C%93", response.Headers["grpc-message"]);
    }

    [Theory]
    [InlineData("100m")]
    [InlineData("100000u")]
    [InlineData("99999999n")]
    public async Task Server_enforces_the_grpc_timeout_with_deadline_exceeded(string timeout)
    {
        var request = new EchoRequest { Text = $"server-deadline-{timeout}", DelayMs = 20_000 };

        var response = await client.PostAsync(
            "/interop.v1.Interop/Slow", RawGrpcClient.Frame(0, request.ToByteArray()), headers: [("grpc-timeout", timeout)]);

        Assert.Equal(StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.True(await server.Cancellations.WaitAsync(request.Text, TimeSpan.FromSeconds(5)));
    }
}
