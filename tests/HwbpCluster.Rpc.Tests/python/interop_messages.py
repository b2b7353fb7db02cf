"""Message classes of interop.v1, built at run time from the FileDescriptorProto the C# tests write out.

Building them from the descriptor keeps the peers on python3-protobuf alone (no protoc or grpc_tools at test time).
"""
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SERVICE = "interop.v1.Interop"


def load(descriptor_path):
    with open(descriptor_path, "rb") as f:
        proto = descriptor_pb2.FileDescriptorProto.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)

    def message_class(name):
        descriptor = pool.FindMessageTypeByName("interop.v1." + name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return message_class("EchoRequest"), message_class("EchoReply"), message_class("Empty")


def status_from_number(number):
    import grpc
    for code in grpc.StatusCode:
        if code.value[0] == number:
            return code
    return grpc.StatusCode.UNKNOWN
