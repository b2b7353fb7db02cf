using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>One client call over one HTTP/2 stream: sends the request, reads headers, messages and the final status.</summary>
internal sealed partial class ClientCall<TResponse> : IDisposable
    where TResponse : IMessage<TResponse>
{
    // Shared: a faulted task per call would be an allocation that, never observed, raises UnobservedTaskException when collected.
    private static readonly Task<HttpResponseMessage> NotStarted =
        Task.FromException<HttpResponseMessage>(new InvalidOperationException("The call has not started."));

    private readonly GrpcChannel channel;
    private readonly string path;
    private readonly MessageParser<TResponse> parser;
    private readonly CallOptions options;
    private readonly CancellationTokenSource callSource = new();
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private CancellationTokenRegistration userRegistration;
    private ITimer? deadlineTimer;
    private volatile bool deadlineExceeded;
    private volatile bool disposed;
    private HttpResponseMessage? response;
    private Status? status;
    private Metadata? trailers;

    public ClientCall(GrpcChannel channel, string path, MessageParser<TResponse> parser, CallOptions options)
    {
        this.channel = channel;
        this.path = path;
        this.parser = parser;
        this.options = options;
        ResponseTask = NotStarted;
    }

    /// <summary>Completes when response headers arrived (or the call failed first, with an <see cref="RpcException"/>).</summary>
    public Task<HttpResponseMessage> ResponseTask { get; private set; }

    /// <summary>Completes when the call has its final status.</summary>
    public Task Finished => finished.Task;

    public Metadata? ResponseHeaders { get; private set; }

    public Status? FinalStatus
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    public Metadata? Trailers => trailers;

    public void Start(HttpContent content)
    {
        var now = channel.TimeProvider.GetUtcNow().UtcDateTime;
        var deadline = options.EffectiveDeadline(now);
        var request = new HttpRequestMessage(HttpMethod.Post, channel.UriFor(path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        var headers = request.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcProtocol.TeTrailers));
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        if (deadline is { } d)
        {
            var remaining = d - now;
            if (remaining <= TimeSpan.Zero)
            {
                deadlineExceeded = true;
                ResponseTask = Task.FromException<HttpResponseMessage>(Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")));
                return;
            }

            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            if (remaining.TotalDays < 40)
            {
                deadlineTimer = channel.TimeProvider.CreateTimer(
                    static s => ((ClientCall<TResponse>)s!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
            }
        }

        if (options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataCodec.EncodeValue(entry));
            }
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            userRegistration = options.CancellationToken.UnsafeRegister(static s => ((ClientCall<TResponse>)s!).Cancel(), this);
        }

        ResponseTask = SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        try
        {
            var message = await channel.Invoker.SendAsync(request, callSource.Token);
            response = message;
            if (disposed)
            {
                message.Dispose();
            }

            ReadResponseHeaders(message);
            return message;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex);
        }
    }
}
