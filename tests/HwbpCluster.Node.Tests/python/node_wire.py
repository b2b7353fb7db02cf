"""The wire contract of hwbp-node as python3-grpcio (C-core) sees it: statuses, deadlines, metadata, limits, stream ends.

Usage: node_wire.py ADDRESS TOKEN HWBP_DESCRIPTOR HEALTH_DESCRIPTOR. The node must have TOKEN as an admin bearer token.
Prints "ok" last; any broken expectation raises.
"""
import sys

import grpc
from google.protobuf import descriptor_pool

from node_client import classes, load


def main(address, token, hwbp_path, health_path):
    pool = descriptor_pool.DescriptorPool()
    load(pool, hwbp_path)
    load(pool, health_path)
    m = classes(pool)
    channel = grpc.insecure_channel(address)
    auth = (("authorization", "Bearer " + token),)

    def call(method, request, response, metadata=auth, timeout=10):
        stub = channel.unary_unary("/hwbp.v1.Arbiter/" + method, request.__class__.SerializeToString, m("hwbp.v1." + response).FromString)
        return stub(request, metadata=metadata, timeout=timeout)

    def stream(method, request, response, metadata=auth, timeout=None):
        stub = channel.unary_stream("/hwbp.v1.Arbiter/" + method, request.__class__.SerializeToString, m("hwbp.v1." + response).FromString)
        return stub(request, metadata=metadata, timeout=timeout)

    def fails(code, thunk):
        try:
            thunk()
        except grpc.RpcError as error:
            assert error.code() == code, (code, error.code(), error.details())
            return error
        raise AssertionError(f"expected {code}")

    # Metadata: the bearer token travels as metadata; without it the node says UNAUTHENTICATED. Health needs none.
    fails(grpc.StatusCode.UNAUTHENTICATED, lambda: call("GetHost", m("hwbp.v1.GetHostRequest")(), "HostState", metadata=()))
    check = channel.unary_unary("/grpc.health.v1.Health/Check", m("grpc.health.v1.HealthCheckRequest").SerializeToString,
                                m("grpc.health.v1.HealthCheckResponse").FromString)
    assert check(m("grpc.health.v1.HealthCheckRequest")(service="hwbp.v1.Fleet"), timeout=10).status == 1

    # Statuses and messages: the field comes first; a huge field is never echoed whole, and the channel keeps working.
    error = fails(grpc.StatusCode.NOT_FOUND, lambda: call("Reserve", m("hwbp.v1.ReserveRequest")(session_id="n1-x"), "ReserveResponse"))
    assert error.details().startswith("session_id:"), error.details()
    error = fails(grpc.StatusCode.INVALID_ARGUMENT, lambda: call("Release", m("hwbp.v1.ReleaseRequest")(reservation_id="nonsense"), "ReleaseResponse"))
    assert error.details().split(":")[0] in ("session_id", "reservation_id"), error.details()
    error = fails(grpc.StatusCode.NOT_FOUND, lambda: call("GetHost", m("hwbp.v1.GetHostRequest")(host="h" * 20000), "HostState"))
    assert 0 < len(error.details()) <= 300, len(error.details())
    assert call("GetHost", m("hwbp.v1.GetHostRequest")(), "HostState").host == "h1"

    # Size limits: a request over 4 MiB is RESOURCE_EXHAUSTED.
    big = m("hwbp.v1.OpenSessionRequest")(client_name="n" * (4 * 1024 * 1024 + 1), client_kind=4)
    fails(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: call("OpenSession", big, "OpenSessionResponse"))

    # Trailers-Only: a watch refused at once ends with its status and no message.
    refused = stream("WatchHits", m("hwbp.v1.WatchHitsRequest")(session_id="n1-nosuch"), "HitEvent", timeout=10)
    error = fails(grpc.StatusCode.NOT_FOUND, lambda: list(refused))
    assert "n1-nosuch" in error.details(), error.details()

    session = call("OpenSession", m("hwbp.v1.OpenSessionRequest")(client_name="wire", client_kind=4), "OpenSessionResponse").session_id

    # Deadlines: an idle watch outlives its deadline and ends DEADLINE_EXCEEDED.
    idle = stream("WatchHits", m("hwbp.v1.WatchHitsRequest")(session_id=session), "HitEvent", timeout=0.5)
    fails(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(idle))

    # Cancellation: the client cancels a live watch; the node keeps serving.
    live = stream("WatchHits", m("hwbp.v1.WatchHitsRequest")(session_id=session), "HitEvent")
    live.initial_metadata()
    live.cancel()
    fails(grpc.StatusCode.CANCELLED, lambda: list(live))

    # Stream end: closing the session ends its watch with OK and the hwbp-dropped trailer.
    watch = stream("WatchReservations", m("hwbp.v1.WatchReservationsRequest")(session_id=session), "ReservationEvent", timeout=30)
    watch.initial_metadata()
    call("CloseSession", m("hwbp.v1.CloseSessionRequest")(session_id=session), "CloseSessionResponse")
    list(watch)
    assert watch.code() == grpc.StatusCode.OK, watch.code()
    assert ("hwbp-dropped", "0") in tuple(watch.trailing_metadata()), watch.trailing_metadata()
    print("ok")


if __name__ == "__main__":
    main(*sys.argv[1:5])
