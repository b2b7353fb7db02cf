using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>
/// Random but well-formed request messages of any type, built through the generated types' reflection: fields named like ids
/// take ids the node handed out, numbers are mostly small (so requests reach deep into the checks) and sometimes extreme.
/// </summary>
public sealed class MessageGenerator(IdPool pool)
{
    private const int MaxDepth = 4;

    /// <summary>A random message of type <paramref name="descriptor"/>.</summary>
    public IMessage Generate(MessageDescriptor descriptor, Random random) => Generate(descriptor, random, 0);

    private IMessage Generate(MessageDescriptor descriptor, Random random, int depth)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var oneof in descriptor.Oneofs.Where(o => !o.IsSynthetic))
        {
            // At most one member of a oneof, as a real client would send.
            if (random.Next(5) > 0)
            {
                Set(message, oneof.Fields[random.Next(oneof.Fields.Count)], random, depth);
            }
        }

        foreach (var field in descriptor.Fields.InDeclarationOrder().Where(f => f.RealContainingOneof is null))
        {
            // Most fields set, some left at their default, as clients do.
            if (random.Next(4) > 0)
            {
                Set(message, field, random, depth);
            }
        }

        return message;
    }

    private void Set(IMessage message, FieldDescriptor field, Random random, int depth)
    {
        if (field.IsMap)
        {
            var map = (IDictionary)field.Accessor.GetValue(message);
            var key = field.MessageType.FindFieldByNumber(1);
            var value = field.MessageType.FindFieldByNumber(2);
            for (var i = random.Next(3); i > 0; i--)
            {
                map[Value(key, random, depth)] = Value(value, random, depth);
            }
        }
        else if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            for (var i = random.Next(random.Next(8) == 0 ? 40 : 4); i > 0; i--)
            {
                list.Add(Value(field, random, depth));
            }
        }
        else if (field.FieldType != FieldType.Message || depth < MaxDepth)
        {
            field.Accessor.SetValue(message, Value(field, random, depth));
        }
    }

    private object Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.String => Text(field.Name, random),
        FieldType.Bytes => ByteString.CopyFrom(Bytes(random, random.Next(16))),
        FieldType.Bool => random.Next(2) == 1,
        FieldType.Enum => random.Next(10) == 0 ? random.Next(-3, 100) : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number,
        FieldType.UInt32 or FieldType.Fixed32 => (uint)Number(field.Name, random),
        FieldType.UInt64 or FieldType.Fixed64 when field.Name.EndsWith("tid", StringComparison.Ordinal) && random.Next(2) == 0 => pool.Tid(random),
        FieldType.UInt64 or FieldType.Fixed64 => Number(field.Name, random),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)Number(field.Name, random) * (random.Next(8) == 0 ? -1 : 1),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long)Number(field.Name, random) * (random.Next(8) == 0 ? -1 : 1),
        FieldType.Double => random.NextDouble(),
        FieldType.Float => random.NextSingle(),
        FieldType.Message => Generate(field.MessageType, random, depth + 1),
        _ => throw new NotSupportedException($"field type {field.FieldType} of {field.FullName}"),
    };

    private string Text(string name, Random random)
    {
        var roll = random.Next(10);
        var known = name switch
        {
            "session_id" => pool.Session(random),
            "reservation_id" or "reservation_ids" => pool.Reservation(random),
            "host" or "hosts" => random.Next(3) == 0 ? string.Empty : $"h{random.Next(3)}",
            "service" => random.Next(2) == 0 ? "hwbp.v1.Arbiter" : string.Empty,
            "symbol" => random.Next(2) == 0 ? string.Empty : "main+0x10",
            _ => null,
        };
        return roll switch
        {
            < 7 when known is not null => known,
            7 => new string((char)random.Next(1, 0xD7FF), random.Next(1, random.Next(2) == 0 ? 16 : 70_000)),
            8 => "h1/" + random.Next(-5, 1000),
            _ => Convert.ToHexString(Bytes(random, random.Next(12))),
        };
    }

    private static ulong Number(string name, Random random) => random.Next(12) switch
    {
        0 => ulong.MaxValue,
        1 => uint.MaxValue,
        2 => (ulong)random.NextInt64(),
        _ => name switch
        {
            "cpu" => (ulong)random.Next(6),
            "ttl_ms" => (ulong)random.Next(0, 5_000),
            "wait_ms" => (ulong)random.Next(0, 300),
            "length" => (ulong)(1 << random.Next(5)),
            "address" => 0x7f00_0000_1000UL + ((ulong)random.Next(64) * 8),
            _ => (ulong)random.Next(0, 100),
        },
    };

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
