"""A python3-grpcio client of hwbp-node: the services as any standard gRPC client sees them.

Usage: node_client.py ADDRESS HWBP_DESCRIPTOR HEALTH_DESCRIPTOR. Message classes are built at run time from the
FileDescriptorProtos the C# test writes out, so only python3-grpcio and python3-protobuf are needed. Prints "ok" last.
"""
import sys
import threading

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def load(pool, path):
    with open(path, "rb") as f:
        pool.Add(descriptor_pb2.FileDescriptorProto.FromString(f.read()))


def classes(pool):
    def get(name):
        descriptor = pool.FindMessageTypeByName(name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)
    return get


def main(address, hwbp_path, health_path):
    pool = descriptor_pool.DescriptorPool()
    load(pool, hwbp_path)
    load(pool, health_path)
    m = classes(pool)
    channel = grpc.insecure_channel(address)

    def unary(service, method, request, response):
        return channel.unary_unary(f"/{service}/{method}", request.__class__.SerializeToString, m(response).FromString)(request, timeout=10)

    def arbiter(method, request, response):
        return unary("hwbp.v1.Arbiter", method, request, "hwbp.v1." + response)

    def simulator(method, request, response):
        return unary("hwbp.v1.Simulator", method, request, "hwbp.v1." + response)

    health = unary("grpc.health.v1.Health", "Check", m("grpc.health.v1.HealthCheckRequest")(service="hwbp.v1.Arbiter"),
                   "grpc.health.v1.HealthCheckResponse")
    assert health.status == 1, health

    session = arbiter("OpenSession", m("hwbp.v1.OpenSessionRequest")(client_name="py", client_kind=4), "OpenSessionResponse").session_id
    simulator("SpawnTask", m("hwbp.v1.SpawnTaskRequest")(tid=100, name="py-task"), "TaskInfo")
    simulator("RunTask", m("hwbp.v1.RunTaskRequest")(tid=100, cpu=1), "SimEmpty")

    scope = m("hwbp.v1.Scope")(task=m("hwbp.v1.TaskTarget")(tid=100))
    breakpoint = m("hwbp.v1.Breakpoint")(address=0x1000, length=8, access=2)
    reserved = arbiter("Reserve", m("hwbp.v1.ReserveRequest")(session_id=session, scope=scope, breakpoint=breakpoint, pinned=True),
                       "ReserveResponse").reservation
    assert reserved.id.startswith("h1/"), reserved

    watch = channel.unary_stream("/hwbp.v1.Arbiter/WatchHits", m("hwbp.v1.WatchHitsRequest").SerializeToString,
                                 m("hwbp.v1.HitEvent").FromString)(m("hwbp.v1.WatchHitsRequest")(session_id=session), timeout=30)
    first = []
    reader = threading.Thread(target=lambda: first.append(next(watch)))
    reader.start()
    # The watch is live once its headers arrive; then every access that hits shows on it.
    watch.initial_metadata()
    hits = simulator("Access", m("hwbp.v1.AccessRequest")(tid=100, address=0x1004, length=4, access=2, ip=0x401000), "AccessResponse").hits
    assert len(hits) == 1 and hits[0].reservation_id == reserved.id, hits
    reader.join(10)
    assert first and first[0].reservation_id == reserved.id and first[0].address == 0x1004, first
    watch.cancel()

    moved = m("hwbp.v1.Breakpoint")(address=0x2000, length=4, access=2)
    modified = arbiter("Modify", m("hwbp.v1.ModifyRequest")(session_id=session, reservation_id=reserved.id, breakpoint=moved),
                       "ModifyResponse").reservation
    assert modified.breakpoint.address == 0x2000, modified
    listed = arbiter("ListReservations", m("hwbp.v1.ListReservationsRequest")(session_id=session), "ListReservationsResponse")
    assert [r.id for r in listed.reservations] == [reserved.id], listed

    try:
        arbiter("Reserve", m("hwbp.v1.ReserveRequest")(session_id=session, breakpoint=breakpoint), "ReserveResponse")
        raise AssertionError("a reservation without a scope was accepted")
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and error.details().startswith("scope:"), error

    arbiter("Release", m("hwbp.v1.ReleaseRequest")(session_id=session, reservation_id=reserved.id), "ReleaseResponse")
    closed = arbiter("CloseSession", m("hwbp.v1.CloseSessionRequest")(session_id=session), "CloseSessionResponse")
    assert closed.released == 0, closed
    print("ok")


if __name__ == "__main__":
    main(*sys.argv[1:4])
