"""A python3-grpcio (asyncio) server of a few hwbp.v1 methods, for the SDK's wire tests against a standard implementation.

Usage: fake_node.py HWBP_DESCRIPTOR HEALTH_DESCRIPTOR. Prints its port on the first line, then serves until stdin closes.
GetHost answers with the caller's authorization header as the host name; Reserve refuses with RESOURCE_EXHAUSTED;
KeepAlive never answers (deadlines, cancellation); WatchHits sends two hits, then ends OK with hwbp-dropped 3.
"""
import asyncio
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def classes(paths):
    pool = descriptor_pool.DescriptorPool()
    for path in paths:
        with open(path, "rb") as f:
            pool.Add(descriptor_pb2.FileDescriptorProto.FromString(f.read()))

    def get(name):
        descriptor = pool.FindMessageTypeByName(name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)
    return get


m = classes(sys.argv[1:3])


async def get_host(request, context):
    return m("hwbp.v1.HostState")(host=dict(context.invocation_metadata()).get("authorization", ""), backend="python")


async def reserve(request, context):
    await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "cpu 0: 4 of 4 slots held by ünïcode 100% ✓")


async def keep_alive(request, context):
    await asyncio.sleep(60)
    return m("hwbp.v1.KeepAliveResponse")()


async def watch_hits(request, context):
    for cpu in (1, 2):
        yield m("hwbp.v1.HitEvent")(reservation_id="py/1", cpu=cpu)
    context.set_trailing_metadata((("hwbp-dropped", "3"),))


async def check(request, context):
    return m("grpc.health.v1.HealthCheckResponse")(status=1)


def unary(fn, request, response):
    return grpc.unary_unary_rpc_method_handler(fn, request_deserializer=m(request).FromString, response_serializer=m(response).SerializeToString)


async def main():
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((
        grpc.method_handlers_generic_handler("hwbp.v1.Arbiter", {
            "GetHost": unary(get_host, "hwbp.v1.GetHostRequest", "hwbp.v1.HostState"),
            "Reserve": unary(reserve, "hwbp.v1.ReserveRequest", "hwbp.v1.ReserveResponse"),
            "KeepAlive": unary(keep_alive, "hwbp.v1.KeepAliveRequest", "hwbp.v1.KeepAliveResponse"),
            "WatchHits": grpc.unary_stream_rpc_method_handler(
                watch_hits, request_deserializer=m("hwbp.v1.WatchHitsRequest").FromString,
                response_serializer=m("hwbp.v1.HitEvent").SerializeToString),
        }),
        grpc.method_handlers_generic_handler("grpc.health.v1.Health", {
            "Check": unary(check, "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse"),
        }),
    ))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(port, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop(0)


asyncio.run(main())
