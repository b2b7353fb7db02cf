using System.Text.Json;
using HwbpCluster.Rpc.Tests.Infrastructure;

namespace HwbpCluster.Rpc.Tests.Interop;

/// <summary>python3-grpcio as the client, our Kestrel server as the server.</summary>
public sealed class PythonClientToOurServerTests(PythonClientRun run) : IClassFixture<PythonClientRun>
{
    [PythonGrpcFact]
    public void Unary_echo_round_trips_text_and_bytes()
    {
        var echo = run.Scenario("echo");

        Assert.Equal("héllo", Text(echo, "text"));
        Assert.Equal(Convert.ToBase64String([0, 1, 2]), Text(echo, "payload"));
    }

    [PythonGrpcFact]
    public void Server_stream_delivers_every_message_in_order() =>
        Assert.Equal([0, 1, 2, 3, 4], run.Scenario("stream").GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));

    [PythonGrpcFact]
    public void Handler_status_arrives_with_its_unicode_percent_detail_and_trailers()
    {
        var error = Error("fail");

        Assert.Equal("FAILED_PRECONDITION", Text(error, "code"));
        Assert.Equal("slot taken: ünïcode 100% ✓ %41", Text(error, "details"));
        Assert.Equal("refused", Text(error.GetProperty("trailers"), "x-reason"));
        Assert.Equal(Convert.ToBase64String([0x00, 0x01, 0xfe]), Text(error.GetProperty("trailers"), "x-reason-bin"));
    }

    [PythonGrpcFact]
    public void Client_deadline_ends_a_slow_call_with_deadline_exceeded() =>
        Assert.Equal("DEADLINE_EXCEEDED", Text(Error("deadline"), "code"));

    [PythonGrpcFact]
    public void Client_deadline_cancels_the_handler() =>
        Assert.True(run.Scenario("deadline_server_side").GetProperty("server_saw_cancel").GetBoolean(), run.Diagnostics);

    [PythonGrpcFact]
    public void Client_cancellation_reaches_the_handler_cancellation_token()
    {
        var cancel = run.Scenario("cancel");

        Assert.Equal(0, cancel.GetProperty("first").GetInt32());
        Assert.True(cancel.GetProperty("server_saw_cancel").GetBoolean(), run.Diagnostics);
    }

    [PythonGrpcFact]
    public void Message_just_under_four_mebibytes_is_accepted_and_echoed() =>
        Assert.Equal((4 * 1024 * 1024) - 64, run.Scenario("large_under").GetProperty("size").GetInt32());

    [PythonGrpcFact]
    public void Request_over_four_mebibytes_is_refused_with_resource_exhausted() =>
        Assert.Equal("RESOURCE_EXHAUSTED", Text(Error("large_over"), "code"));

    [PythonGrpcFact]
    public void Reply_over_the_python_client_limit_is_sent_and_refused_by_that_client() =>
        Assert.Equal("RESOURCE_EXHAUSTED", Text(Error("large_reply_over"), "code"));

    [PythonGrpcFact]
    public void Text_and_binary_metadata_flow_both_ways_in_headers_and_trailers()
    {
        var metadata = run.Scenario("metadata");

        Assert.Equal("plain value", Text(metadata.GetProperty("echoed"), "x-text"));
        Assert.Equal(Convert.ToBase64String([0x00, 0xff, .."binary"u8, 0x10]), Text(metadata.GetProperty("echoed"), "x-data-bin"));
        Assert.Equal("header value", Text(metadata.GetProperty("headers"), "x-header"));
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), Text(metadata.GetProperty("headers"), "x-header-bin"));
        Assert.Equal("trailer value", Text(metadata.GetProperty("trailers"), "x-trailer"));
        Assert.Equal(Convert.ToBase64String([0xff, 0x00]), Text(metadata.GetProperty("trailers"), "x-trailer-bin"));
    }

    [PythonGrpcFact]
    public void Bidi_stream_echoes_each_request_in_order()
    {
        var bidi = run.Scenario("bidi");

        Assert.Equal(["a", "b", "c"], bidi.GetProperty("texts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([0, 1, 2], bidi.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [PythonGrpcFact]
    public void Client_stream_is_read_to_its_end_before_the_single_reply()
    {
        var collect = run.Scenario("collect");

        Assert.Equal("x+y+z", Text(collect, "text"));
        Assert.Equal(3, collect.GetProperty("count").GetInt32());
    }

    [PythonGrpcFact]
    public void Unknown_method_and_unknown_service_answer_unimplemented()
    {
        var unknown = run.Scenario("unknown");

        Assert.Equal("UNIMPLEMENTED", Text(unknown.GetProperty("method").GetProperty("error"), "code"));
        Assert.Equal("UNIMPLEMENTED", Text(unknown.GetProperty("service").GetProperty("error"), "code"));
    }

    [PythonGrpcFact]
    public void Empty_messages_round_trip() => Assert.True(run.Scenario("ping").GetProperty("ok").GetBoolean());

    private JsonElement Error(string scenario) =>
        run.Scenario(scenario).TryGetProperty("error", out var error)
            ? error
            : throw new Xunit.Sdk.XunitException($"{scenario} succeeded: {run.Scenario(scenario)}");

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
