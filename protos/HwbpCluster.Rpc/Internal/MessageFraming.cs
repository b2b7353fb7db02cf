using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace HwbpCluster.Rpc.Internal;

/// <summary>The gRPC length-prefixed message: one flag byte, a 4-byte big-endian length, the protobuf bytes.</summary>
internal static class MessageFraming
{
    /// <summary>Writes one uncompressed framed message into a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message)
    {
        var size = message.CalculateSize();
        var header = writer.GetSpan(GrpcProtocol.FrameHeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(GrpcProtocol.FrameHeaderSize);
        if (size > 0)
        {
            message.WriteTo(writer);
        }
    }

    /// <summary>One framed message as a new array.</summary>
    public static byte[] ToArray(IMessage message)
    {
        var size = message.CalculateSize();
        var bytes = new byte[GrpcProtocol.FrameHeaderSize + size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), (uint)size);
        message.WriteTo(bytes.AsSpan(GrpcProtocol.FrameHeaderSize));
        return bytes;
    }

    /// <summary>Checks a frame header and returns the message length.</summary>
    /// <exception cref="RpcException">A compressed message, a bad flag, or a message over the limit.</exception>
    public static int ReadHeader(ReadOnlySpan<byte> header, int maxMessageSize)
    {
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new RpcException(StatusCode.Unimplemented, "Compressed messages are not supported: send grpc-encoding identity.");
            default:
                throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {header[0]} in message frame.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }

        return (int)length;
    }

    /// <summary>Parses one message body, mapping protobuf errors to INTERNAL.</summary>
    public static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> body)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message."), null, ex);
        }
    }
}
