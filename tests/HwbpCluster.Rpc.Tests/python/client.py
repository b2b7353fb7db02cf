"""A python3-grpcio client that runs every interop scenario against a server on 127.0.0.1 and prints one JSON object.

Usage: client.py <port> <descriptor.pb>. Each scenario records what it saw; the C# test asserts on it.
"""
import base64
import json
import sys

import grpc

from interop_messages import SERVICE, load

EchoRequest, EchoReply, Empty = load(sys.argv[2])
FOUR_MIB = 4 * 1024 * 1024
channel = grpc.insecure_channel("127.0.0.1:" + sys.argv[1])


def method(name, kind="unary_unary", req=EchoRequest, rep=EchoReply):
    return getattr(channel, kind)("/%s/%s" % (SERVICE, name), request_serializer=req.SerializeToString,
                                  response_deserializer=rep.FromString)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def error(e):
    return {"code": e.code().name, "details": e.details(),
            "trailers": {k: (b64(v) if k.endswith("-bin") else v) for k, v in (e.trailing_metadata() or ())}}


def run(name, scenario):
    try:
        return scenario()
    except grpc.RpcError as e:
        return {"error": error(e)}


def echo():
    reply = method("Echo")(EchoRequest(text="h\u00e9llo", payload=b"\x00\x01\x02"), timeout=10)
    return {"text": reply.text, "payload": b64(reply.payload)}


def stream():
    return {"indexes": [r.index for r in method("Stream", "unary_stream")(EchoRequest(text="s", count=5), timeout=10)]}


def fail():
    method("Fail")(EchoRequest(status_code=9, status_message="slot taken: \u00fcn\u00efcode 100% \u2713 %41"), timeout=10)
    return {}


def deadline():
    method("Slow")(EchoRequest(text="py-deadline", delay_ms=20000), timeout=0.3)
    return {}


def deadline_server_side():
    return {"server_saw_cancel": method("WasCancelled")(EchoRequest(text="py-deadline"), timeout=10).flag}


def cancel():
    call = method("Stream", "unary_stream")(EchoRequest(text="py-cancel", count=1000, delay_ms=50), timeout=10)
    first = next(call)
    call.cancel()
    seen = method("WasCancelled")(EchoRequest(text="py-cancel"), timeout=10)
    return {"first": first.index, "server_saw_cancel": seen.flag}


def large_under():
    size = FOUR_MIB - 64
    reply = method("Echo")(EchoRequest(payload=bytes(size)), timeout=20)
    return {"size": len(reply.payload)}


def large_over():
    method("Echo")(EchoRequest(payload=bytes(FOUR_MIB + 1)), timeout=20)
    return {}


def large_reply_over():
    method("Echo")(EchoRequest(reply_size=FOUR_MIB + 16), timeout=20)
    return {}


def metadata():
    call = method("EchoMetadata", "unary_stream")(
        EchoRequest(text="m"), timeout=10,
        metadata=(("x-text", "plain value"), ("x-data-bin", b"\x00\xffbinary\x10")))
    replies = list(call)
    pairs = {p.key: (b64(p.binary) if p.key.endswith("-bin") else p.text) for p in replies[0].metadata}
    headers = {k: (b64(v) if k.endswith("-bin") else v) for k, v in call.initial_metadata() if k.startswith("x-")}
    trailers = {k: (b64(v) if k.endswith("-bin") else v) for k, v in call.trailing_metadata() if k.startswith("x-")}
    return {"echoed": pairs, "headers": headers, "trailers": trailers}


def bidi():
    requests = iter([EchoRequest(text="a"), EchoRequest(text="b"), EchoRequest(text="c")])
    replies = list(method("Bidi", "stream_stream")(requests, timeout=10))
    return {"texts": [r.text for r in replies], "indexes": [r.index for r in replies]}


def collect():
    reply = method("Collect", "stream_unary")(iter([EchoRequest(text=t) for t in "xyz"]), timeout=10)
    return {"text": reply.text, "count": reply.index}


def unknown():
    return {"method": run("m", lambda: method("Nope")(EchoRequest(), timeout=10)),
            "service": run("s", lambda: channel.unary_unary("/interop.v1.Nothing/Nope")(b"", timeout=10))}


def ping():
    method("Ping", req=Empty, rep=Empty)(Empty(), timeout=10)
    return {"ok": True}


scenarios = {name: fn for name, fn in globals().items()
             if name in ("echo", "stream", "fail", "deadline", "deadline_server_side", "cancel", "large_under", "large_over",
                         "large_reply_over", "metadata", "bidi", "collect", "unknown", "ping")}
print(json.dumps({name: run(name, fn) for name, fn in scenarios.items()}))
