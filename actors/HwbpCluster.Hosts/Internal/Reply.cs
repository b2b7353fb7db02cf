namespace HwbpCluster.Hosts.Internal;

/// <summary>A result or a host error, crossing from the actors to the facade.</summary>
internal readonly record struct Reply<T>(T? Value, HostError? Error, string Message)
{
    public static Reply<T> Ok(T value) => new(value, null, string.Empty);

    public static Reply<T> Fail(HostError error, string message) => new(default, error, message);

    public T Unwrap() => Error is { } error ? throw new HostException(error, Message) : Value!;
}
