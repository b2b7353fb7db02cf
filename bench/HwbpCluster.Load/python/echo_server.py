"""python3-grpcio (asyncio) server for hwbp.load.v1.Echo on 127.0.0.1, free port printed on stdout; stops when stdin closes.

The echo returns the request bytes unchanged, so no message classes are needed.
"""
import asyncio
import sys

import grpc


async def echo(request, context):
    return request


async def main():
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        "hwbp.load.v1.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(echo)}),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(port, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop(0)


asyncio.run(main())
