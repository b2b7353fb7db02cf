using System.Globalization;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Cli.Internal;

/// <summary>The short names the tables and the JSON shapes share: ptrace, active, w, up, SERVING, NOT_FOUND, 0x1000.</summary>
internal static class Names
{
    // gRPC's status codes by number (the wire's names), so naming a status needs no transport type.
    private static readonly string[] StatusCodes =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
        "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string StatusCode(int code) =>
        code >= 0 && code < StatusCodes.Length ? StatusCodes[code] : code.ToString(CultureInfo.InvariantCulture);

    public static string Access(Access access) => access switch
    {
        Protos.V1.Access.Execute => "x",
        Protos.V1.Access.Write => "w",
        Protos.V1.Access.Read => "r",
        Protos.V1.Access.ReadWrite => "rw",
        _ => "?",
    };

    public static string Kind(ClientKind kind) => kind == ClientKind.Unspecified ? "?" : kind.ToString().ToLowerInvariant();

    public static string State(ReservationState state) => state == ReservationState.Unspecified ? "?" : state.ToString().ToLowerInvariant();

    public static string Member(MemberStatus status) => status == MemberStatus.Unspecified ? "?" : status.ToString().ToLowerInvariant();

    public static string Scope(Scope.TargetOneofCase target) => target switch
    {
        Protos.V1.Scope.TargetOneofCase.Cpu => "cpu",
        Protos.V1.Scope.TargetOneofCase.Task => "task",
        Protos.V1.Scope.TargetOneofCase.TaskOnCpu => "task-on-cpu",
        Protos.V1.Scope.TargetOneofCase.AllCpus => "all-cpus",
        Protos.V1.Scope.TargetOneofCase.Process => "process",
        _ => "?",
    };

    public static string Health(ServingStatus status) => status switch
    {
        ServingStatus.Serving => "SERVING",
        ServingStatus.NotServing => "NOT_SERVING",
        ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };

    /// <summary>
    /// A hit's read-after value (the watched bytes as in memory, little-endian) as the unsigned integer they hold, or null
    /// when the node read none. Watched lengths are 1 to 8 bytes.
    /// </summary>
    public static ulong? ValueAfter(Google.Protobuf.ByteString bytes)
    {
        if (bytes.IsEmpty || bytes.Length > sizeof(ulong))
        {
            return null;
        }

        Span<byte> value = stackalloc byte[sizeof(ulong)];
        value.Clear();
        bytes.Span.CopyTo(value);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value);
    }

    /// <summary>Nanoseconds since the Unix epoch as ISO 8601 UTC (to the microsecond), or null for 0.</summary>
    public static string? Time(ulong unixNano) => unixNano == 0
        ? null
        : DateTimeOffset.UnixEpoch.AddTicks((long)(unixNano / 100)).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
