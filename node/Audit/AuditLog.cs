using System.Text.Json;
using System.Threading.Channels;
using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Audit;

/// <summary>
/// The audit log (<c>--audit-log</c>): JSON lines appended by one writer, rotated by size (FILE.1 … FILE.N, oldest dropped).
/// Records are queued without blocking the caller; a full queue is counted and said in the log rather than stall a host.
/// </summary>
internal sealed partial class AuditLog : BackgroundService
{
    private const int QueueCapacity = 65_536;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly AuditRecord FlushMarker = new(default, "flush", "", "");
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource> flushes = new();
    private readonly Channel<AuditRecord> queue;
    private readonly HwbpNodeOptions settings;
    private readonly ILogger<AuditLog> logger;
    private long lost;

    /// <summary>Creates the log named by the options; <see cref="Enabled"/> is false without <c>--audit-log</c>.</summary>
    public AuditLog(IOptions<HwbpNodeOptions> options, ILogger<AuditLog> logger)
    {
        settings = options.Value;
        this.logger = logger;
        queue = Channel.CreateBounded<AuditRecord>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref lost));
    }

    /// <summary>Whether the node keeps an audit log.</summary>
    public bool Enabled => !string.IsNullOrEmpty(settings.AuditLog);

    /// <summary>Queues <paramref name="record"/> for the file (nothing when the log is off).</summary>
    public void Write(AuditRecord record)
    {
        if (Enabled)
        {
            queue.Writer.TryWrite(record);
        }
    }

    /// <summary>Completes when every record queued so far is in the file (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flushes.Enqueue(marker);
        queue.Writer.TryWrite(FlushMarker);
        await marker.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var path = Path.GetFullPath(settings.AuditLog!);
        var file = Open(path);
        try
        {
            // Reads to the end even after stop was asked: records queued before the node stopped are written.
            await foreach (var record in queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (ReferenceEquals(record, FlushMarker))
                {
                    await file.FlushAsync(CancellationToken.None);
                    while (flushes.TryDequeue(out var flushed))
                    {
                        flushed.TrySetResult();
                    }

                    continue;
                }

                await file.WriteLineAsync(JsonSerializer.Serialize(record, Json));
                if (Interlocked.Exchange(ref lost, 0) is var dropped and > 0)
                {
                    Lost(logger, dropped);
                    await file.WriteLineAsync(JsonSerializer.Serialize(
                        new AuditRecord(DateTimeOffset.UtcNow, "audit-records-lost", "", "") { Detail = $"{dropped} records lost: the queue was full" }, Json));
                }

                if (queue.Reader.Count == 0)
                {
                    await file.FlushAsync(CancellationToken.None);
                }

                if (file.BaseStream.Length >= settings.AuditLogMaxBytes)
                {
                    await file.DisposeAsync();
                    Rotate(path, settings.AuditLogFiles);
                    file = Open(path);
                }
            }
        }
        finally
        {
            await file.DisposeAsync();
        }
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = false };

    // FILE -> FILE.1 -> FILE.2 ... -> FILE.keep, the oldest dropped.
    private static void Rotate(string path, int keep)
    {
        File.Delete($"{path}.{keep}");
        for (var i = keep - 1; i >= 1; i--)
        {
            if (File.Exists($"{path}.{i}"))
            {
                File.Move($"{path}.{i}", $"{path}.{i + 1}");
            }
        }

        File.Move(path, $"{path}.1");
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "The audit log lost {Count} records: its queue was full")]
    private static partial void Lost(ILogger logger, long count);
}
