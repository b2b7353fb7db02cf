using System.Buffers.Binary;
using Google.Protobuf;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>
/// Turns case number N of a seed into one request: a valid message of a random method, then (most of the time) damaged in
/// its protobuf bytes, its gRPC framing, its headers or its path. The same seed and case give the same choices.
/// </summary>
public sealed class Mutator(int seed, MessageGenerator generator)
{
    private static readonly string[] Timeouts = ["abc", "-1S", "1", "S", "99999999999H", "0n", "1x", "100000000S", "1.5S", " 1S", "5m", "20u"];
    private static readonly string[] ContentTypes =
        ["application/json", "text/plain", "application/grpc+json", "application/grpc-web", "application/grpc;charset=utf-8", "application/grpcx", ""];

    private static readonly string[] Encodings = ["gzip", "deflate", "bogus", "identity", "gzip, deflate", ""];

    /// <summary>The random source of case <paramref name="number"/>: independent of the order cases run in.</summary>
    public Random RandomFor(long number) => new(HashCode.Combine(seed, number));

    /// <summary>Makes case <paramref name="number"/>.</summary>
    public FuzzRequest Make(long number)
    {
        var random = RandomFor(number);
        var method = FuzzMethod.All[random.Next(FuzzMethod.All.Count)];
        var message = generator.Generate(method.Input, random).ToByteArray();
        var headers = new List<(string, string)> { ("content-type", "application/grpc"), ("te", "trailers") };
        var roll = random.Next(100);
        return roll switch
        {
            < 25 => new FuzzRequest(number, "valid", method, "POST", method.Path, headers, Frame(message)),
            < 60 => Bytes(number, method, headers, message, random),
            < 75 => Framing(number, method, headers, message, random),
            < 93 => Headers(number, method, headers, message, random),
            _ => Paths(number, method, headers, message, random),
        };
    }

    /// <summary>An uncompressed gRPC frame around <paramref name="payload"/>.</summary>
    public static byte[] Frame(byte[] payload, byte flag = 0, uint? declared = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declared ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static FuzzRequest Bytes(long number, FuzzMethod method, List<(string, string)> headers, byte[] message, Random random)
    {
        var (kind, payload) = random.Next(9) switch
        {
            0 => ("flip", Flip(message, random)),
            1 => ("truncate", message[..(message.Length == 0 ? 0 : random.Next(message.Length))]),
            2 => ("insert", Insert(message, random)),
            3 => ("bad-varint", [.. message, (byte)((random.Next(1, 20) << 3) | 0), .. Enumerable.Repeat((byte)0xff, random.Next(10, 16))]),
            4 => ("huge-length", [.. message, .. Tag(random.Next(1, 20), 2), .. Varint(HugeLength(random)), .. Random(random, random.Next(8))]),
            5 => ("wrong-wire-type", [.. Tag(random.Next(1, 12), WrongWireType(random)), .. Random(random, random.Next(1, 12)), .. message]),
            6 => ("deep-nesting", NestedGroups(random)),
            7 => ("random", Random(random, random.Next(0, random.Next(2) == 0 ? 64 : 4096))),
            _ => ("unknown-fields", [.. message, .. Tag(random.Next(100, 536_870_911), 2), .. Varint((ulong)random.Next(0, 32)), .. Random(random, 31)]),
        };

        // An unknown-fields tail may declare more bytes than follow; that is one more malformed case, kept as made.
        return new FuzzRequest(number, $"bytes:{kind}", method, "POST", method.Path, headers, Frame(payload));
    }

    private static FuzzRequest Framing(long number, FuzzMethod method, List<(string, string)> headers, byte[] message, Random random)
    {
        var (kind, body) = random.Next(8) switch
        {
            0 => ("compressed-flag", Frame(message, flag: 1)),
            1 => ("bad-flag", Frame(message, flag: (byte)random.Next(2, 256))),
            2 => ("length-beyond-body", Frame(message, declared: (uint)message.Length + (uint)random.Next(1, 100))),
            3 => ("length-short-of-body", Frame([.. message, .. Random(random, random.Next(1, 9))], declared: (uint)message.Length)),
            4 => ("two-messages", [.. Frame(message), .. Frame(message)]),
            5 => ("no-message", []),
            6 => ("huge-declared", Frame(Random(random, random.Next(0, 64)), declared: (uint)HugeLength(random))),
            _ => ("partial-prefix", Frame(message)[..random.Next(1, 5)]),
        };
        return new FuzzRequest(number, $"frame:{kind}", method, "POST", method.Path, headers, body);
    }

    private static FuzzRequest Headers(long number, FuzzMethod method, List<(string Name, string Value)> headers, byte[] message, Random random)
    {
        string kind;
        switch (random.Next(5))
        {
            case 0:
                kind = "grpc-timeout";
                headers.Add(("grpc-timeout", Timeouts[random.Next(Timeouts.Length)]));
                break;
            case 1:
                kind = "content-type";
                headers.RemoveAll(h => h.Name == "content-type");
                var type = ContentTypes[random.Next(ContentTypes.Length)];
                if (type.Length > 0)
                {
                    headers.Add(("content-type", type));
                }

                break;
            case 2:
                kind = "grpc-encoding";
                headers.Add(("grpc-encoding", Encodings[random.Next(Encodings.Length)]));
                return new FuzzRequest(number, $"headers:{kind}", method, "POST", method.Path, headers, Frame(message, flag: (byte)random.Next(2)));
            case 3:
                kind = "no-te";
                headers.RemoveAll(h => h.Name == "te");
                break;
            default:
                kind = "odd-metadata";
                headers.Add(("authorization", random.Next(2) == 0 ? "Bearer " + new string('x', random.Next(0, 9000)) : "Basic ???"));
                headers.Add(("x-fuzz-bin", Convert.ToBase64String(Random(random, random.Next(64)))));
                break;
        }

        return new FuzzRequest(number, $"headers:{kind}", method, "POST", method.Path, headers, Frame(message));
    }

    private static FuzzRequest Paths(long number, FuzzMethod method, List<(string, string)> headers, byte[] message, Random random)
    {
        var service = method.Path[..method.Path.LastIndexOf('/')];
        return random.Next(4) switch
        {
            0 => new FuzzRequest(number, "path:unknown-method", method, "POST", $"{service}/NoSuchMethod", headers, Frame(message)),
            1 => new FuzzRequest(number, "path:unknown-service", method, "POST", "/hwbp.v9.Nothing/Call", headers, Frame(message)),
            2 => new FuzzRequest(number, "path:wrong-case", method, "POST", method.Path.ToUpperInvariant(), headers, Frame(message)),
            _ => new FuzzRequest(number, "path:get", method, "GET", method.Path, headers, []),
        };
    }

    private static byte[] Flip(byte[] message, Random random)
    {
        var copy = message.Length == 0 ? Random(random, 4) : (byte[])message.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Insert(byte[] message, Random random)
    {
        var at = random.Next(message.Length + 1);
        return [.. message[..at], .. Random(random, random.Next(1, 8)), .. message[at..]];
    }

    private static byte[] NestedGroups(Random random)
    {
        // Start-group tags nested deeper than the protobuf recursion limit (100), with no end.
        var depth = random.Next(90, 2000);
        return [.. Enumerable.Range(0, depth).SelectMany(_ => Tag(random.Next(1, 15), 3))];
    }

    private static ulong HugeLength(Random random) => random.Next(3) switch
    {
        0 => 0x7FFF_FFFF,
        1 => uint.MaxValue,
        _ => (ulong)random.NextInt64(1L << 20, long.MaxValue),
    };

    private static int WrongWireType(Random random) => random.Next(4) switch
    {
        0 => 1,
        1 => 5,
        2 => 6,
        _ => 7,
    };

    private static byte[] Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Random(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
