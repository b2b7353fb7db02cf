"""A python3-grpcio (asyncio) implementation of interop.v1.Interop, bound to 127.0.0.1 on a free port.

Usage: server.py <descriptor.pb>. Prints the port on the first stdout line, then serves until stdin closes.
"""
import asyncio
import sys

import grpc

from interop_messages import SERVICE, load, status_from_number

EchoRequest, EchoReply, Empty = load(sys.argv[1])
cancelled = {}


def mark_cancelled(tag):
    cancelled.setdefault(tag, asyncio.Event()).set()


async def echo(request, context):
    payload = bytes(request.reply_size) if request.reply_size > 0 else request.payload
    return EchoReply(text=request.text, payload=payload)


async def stream(request, context):
    try:
        for i in range(request.count):
            yield EchoReply(text=request.text, index=i)
            if request.delay_ms:
                await asyncio.sleep(request.delay_ms / 1000)
    except asyncio.CancelledError:
        mark_cancelled(request.text)
        raise


async def fail(request, context):
    await context.abort(
        status_from_number(request.status_code),
        request.status_message,
        (("x-reason", "refused"), ("x-reason-bin", b"\x00\x01\xfe")))


async def slow(request, context):
    try:
        await asyncio.sleep(request.delay_ms / 1000)
    except asyncio.CancelledError:
        mark_cancelled(request.text)
        raise
    return EchoReply(text=request.text)


async def was_cancelled(request, context):
    event = cancelled.setdefault(request.text, asyncio.Event())
    try:
        await asyncio.wait_for(event.wait(), 5)
    except asyncio.TimeoutError:
        pass
    return EchoReply(text=request.text, flag=event.is_set())


async def echo_metadata(request, context):
    await context.send_initial_metadata((("x-header", "header value"), ("x-header-bin", b"\x01\x02\x03")))
    reply = EchoReply(text=request.text)
    for key, value in context.invocation_metadata():
        if not key.startswith("x-"):
            continue
        if key.endswith("-bin"):
            reply.metadata.add(key=key, binary=value)
        else:
            reply.metadata.add(key=key, text=value)
    context.set_trailing_metadata((("x-trailer", "trailer value"), ("x-trailer-bin", b"\xff\x00")))
    yield reply


async def bidi(requests, context):
    index = 0
    async for request in requests:
        yield EchoReply(text=request.text, payload=request.payload, index=index)
        index += 1


async def collect(requests, context):
    texts = [request.text async for request in requests]
    return EchoReply(text="+".join(texts), index=len(texts))


async def ping(request, context):
    return Empty()


def handlers():
    def unary(fn, req=EchoRequest, rep=EchoReply):
        return grpc.unary_unary_rpc_method_handler(fn, request_deserializer=req.FromString, response_serializer=rep.SerializeToString)

    def server_stream(fn):
        return grpc.unary_stream_rpc_method_handler(
            fn, request_deserializer=EchoRequest.FromString, response_serializer=EchoReply.SerializeToString)

    return grpc.method_handlers_generic_handler(SERVICE, {
        "Echo": unary(echo),
        "Stream": server_stream(stream),
        "Fail": unary(fail),
        "Slow": unary(slow),
        "WasCancelled": unary(was_cancelled),
        "EchoMetadata": server_stream(echo_metadata),
        "Bidi": grpc.stream_stream_rpc_method_handler(
            bidi, request_deserializer=EchoRequest.FromString, response_serializer=EchoReply.SerializeToString),
        "Collect": grpc.stream_unary_rpc_method_handler(
            collect, request_deserializer=EchoRequest.FromString, response_serializer=EchoReply.SerializeToString),
        "Ping": unary(ping, Empty, Empty),
    })


async def main():
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handlers(),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await server.stop(0)


asyncio.run(main())
