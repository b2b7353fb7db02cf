using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Wire;

/// <summary>Malformed requests get a status that names the problem, short, never UNKNOWN; the connection keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private NodeServer server = null!;

    public async Task InitializeAsync() => server = await NodeServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_huge_host_name_gets_a_short_message_and_the_connection_keeps_serving()
    {
        var client = server.Client();
        var huge = new string('h', 20_000);

        var ex = await Proto.FailsWith(StatusCode.NotFound, () => client.CallAsync(Api.GetHost, new GetHostRequest { Host = huge }));

        Assert.InRange(ex.Status.Detail.Length, 1, RpcErrors.MaxDetailLength);
        Assert.StartsWith("host: host 'hhh", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("h1", (await client.CallAsync(Api.GetHost, new GetHostRequest())).Host);
    }

    [Fact]
    public async Task A_huge_field_in_a_host_error_is_cut_too()
    {
        var client = server.Client();
        var session = await client.OpenAsync();
        var huge = new string('x', 20_000);

        var ex = await Proto.FailsWith(
            StatusCode.InvalidArgument,
            () => client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = huge }));

        Assert.InRange(ex.Status.Detail.Length, 1, RpcErrors.MaxDetailLength);
    }

    [Fact]
    public async Task A_request_that_is_not_protobuf_is_refused_with_a_status_other_than_unknown()
    {
        using var http = new HttpClient();
        byte[] garbage = [0, 0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/hwbp.v1.Arbiter/GetHost"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(garbage),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single()
            : response.TrailingHeaders.GetValues("grpc-status").Single();

        Assert.NotEqual(((int)StatusCode.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        Assert.NotEqual("0", status);
        Assert.Equal("h1", (await server.Client().CallAsync(Api.GetHost, new GetHostRequest())).Host);
    }

    [Fact]
    public async Task A_request_over_four_mebibytes_is_resource_exhausted()
    {
        var big = new string('n', (4 * 1024 * 1024) + 1);

        await Proto.FailsWith(
            StatusCode.ResourceExhausted, () => server.Client().CallAsync(Api.OpenSession, new OpenSessionRequest { ClientName = big }));
    }
}
