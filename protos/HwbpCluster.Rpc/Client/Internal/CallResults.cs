using Google.Protobuf;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>Headers, status and trailers of a call, as the public call objects expose them.</summary>
internal static class CallResults
{
    public static async Task<Metadata> HeadersAsync<T>(ClientCall<T> call)
        where T : IMessage<T>
    {
        await call.ResponseTask;
        return call.ResponseHeaders ?? new Metadata();
    }

    public static Status Status<T>(ClientCall<T> call)
        where T : IMessage<T> =>
        call.FinalStatus ?? throw new InvalidOperationException("The call has not ended: read the response stream to its end first.");

    public static bool TryStatus<T>(ClientCall<T> call, out Status status)
        where T : IMessage<T>
    {
        var final = call.FinalStatus;
        status = final.GetValueOrDefault();
        return final.HasValue;
    }

    public static Metadata Trailers<T>(ClientCall<T> call)
        where T : IMessage<T> =>
        call.FinalStatus is null
            ? throw new InvalidOperationException("The call has not ended: read the response stream to its end first.")
            : call.Trailers ?? new Metadata();
}
