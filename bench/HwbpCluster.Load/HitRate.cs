using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Linux;
using HwbpCluster.Protos.V1;
using Microsoft.AspNetCore.Builder;

namespace HwbpCluster.Load;

/// <summary>
/// Issue 11's hit rate on real hardware: one thread's watched writes (<see cref="IHitWriter"/>: a program of its own, or a
/// thread of this process), counted by the kernel alone (a count-only perf event:
/// the baseline), then reserved through a node in this process (<c>--backend linux</c>) and every hit streamed to a
/// WatchHits client over gRPC, round after round. The gRPC rate runs from the first write until the client holds the last
/// hit; a hit lost anywhere (kernel ring, the node's reader or watch buffer) is counted and shown.
/// </summary>
public static class HitRate
{
    private const int ClientWait = 30;

    // More hits than any window writes. Not uint.MaxValue: with that the loop ran at half speed (30-37 k writes/s against
    // 71-74 k with this), so the kernel does not take it as "never".
    private const uint NeverWake = 100_000_000;

    /// <summary>
    /// Runs one warm-up round (not counted: the first hits pay for compiling the whole path) and then <paramref name="rounds"/>
    /// rounds of <paramref name="writes"/> writes each, the node started with <paramref name="nodeSwitches"/>, the writer
    /// (<paramref name="writerKind"/>: <see cref="HitWriters.Start"/>) kept <paramref name="apart"/> from every other thread or
    /// not; 3 when hardware breakpoints do not fire here.
    /// </summary>
    public static async Task<int> RunAsync(
        TextWriter output, int writes, int rounds, IReadOnlyList<string> nodeSwitches, string writerKind, bool apart,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe();
        if (!support.Fires)
        {
            await output.WriteLineAsync($"hits cannot be measured here: {support.Reason}");
            return 3;
        }

        using IHitWriter writer = HitWriters.Start(writerKind);
        if (apart)
        {
            // Before the node starts, so its threads are born off the writer's CPU.
            CpuPlacement.Apart(writer.Tid);
        }

        using var drops = new NodeDrops();
        await using WebApplication node = await QuietNode.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--backend", "linux", "--session-ttl-ms", "600000", .. nodeSwitches], cancellationToken);
        using var channel = GrpcChannel.ForAddress(QuietNode.Address(node));
        var arbiter = new Arbiter.ArbiterClient(channel);
        string session = (await arbiter.OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = "hit-rate", TtlMs = 600_000 }, cancellationToken: cancellationToken)).SessionId;

        string configured = nodeSwitches.Count == 0 ? "the node's defaults" : $"the node with {string.Join(' ', nodeSwitches)}";
        string placed = apart ? $", the writer alone on CPU {CpuPlacement.Last}" : "";
        await output.WriteLineAsync($"{Environment.ProcessorCount} cores, {writes:N0} writes per window by a {writerKind}, {configured}{placed}");
        // Not received and not lost: dropped by the stream's buffer toward a slow client (--watch-buffer), which the stream's
        // hwbp-dropped trailer reports at its end, or held up on the way; this tool stops the stream instead of ending the
        // session, so it shows the gap, and after the rounds what the node's buffers dropped (its meter, read once every
        // stream has ended).
        // The writer's own rate under the watch is the ceiling: every hit's sample record and wakeup is paid by the writer.
        // "Kernel sampling" is the kernel's own cost of a sampled hit: the loop under an event whose ring holds every write
        // and that wakes nobody, with nothing read; what the node does cannot make the loop faster than that.
        // The node and the client share this process: its CPU but the writer's, while the watch ran, in cores.
        await output.WriteLineAsync("| round | kernel count, writes/s | kernel sampling, writes/s | writes/s under the watch | WatchHits over gRPC, hits/s | gRPC / kernel count | gRPC / kernel sampling | hits received | lost in the kernel or reader | not received | longest wait between hits, ms | node + client, cores |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ratios = new List<double>();
        var ofSampling = new List<double>();
        // The machine's own speed drifts by a fifth between windows a few seconds apart (a guest's debug exceptions go through
        // the hypervisor), so the rates are also pooled: every counted round's writes over its time, per way of running.
        var pooled = new PooledRates();
        long warmUpDrops = 0;
        for (int round = 0; round <= rounds; round++)
        {
            double kernel = await KernelRateAsync(writer, writes, sampled: false);
            double sampling = await KernelRateAsync(writer, writes, sampled: true);
            if (round == 1)
            {
                // The warm-up's stream was stopped two windows (over a second) ago: its drops are counted by now.
                warmUpDrops = drops.Dropped;
            }

            (double grpc, double watched, int received, ulong lost, double cores, TimeSpan gap) = await GrpcRateAsync(arbiter, session, writer, writes, cancellationToken);
            if (round == 0)
            {
                continue;
            }

            ratios.Add(grpc / kernel);
            ofSampling.Add(grpc / sampling);
            pooled.Add(writes, kernel, sampling, grpc);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {kernel:N0} | {sampling:N0} | {watched:N0} | {grpc:N0} | {grpc / kernel:0.00}x | {grpc / sampling:0.00}x | {received:N0} | {lost:N0} | {writes - received - (long)lost:N0} | {gap.TotalMilliseconds:0.0} | {cores:0.00} |"));
        }

        await node.StopAsync(cancellationToken); // every stream has ended, and counted what it dropped
        await output.WriteLineAsync(
            $"dropped by the node's watch buffers: {warmUpDrops:N0} in the warm-up round, {drops.Dropped - warmUpDrops:N0} in the counted rounds");
        await output.WriteLineAsync($"median gRPC / kernel: {Median(ratios)}");
        await output.WriteLineAsync($"median gRPC / kernel sampling: {Median(ofSampling)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pooled gRPC / kernel: {pooled.GrpcOfCount:0.00}x, gRPC / kernel sampling: {pooled.GrpcOfSampling:0.00}x"));
        return 0;
    }

    // A ring (a power of two pages) that holds every write's sample record.
    private static int PagesFor(int writes) => (int)BitOperations.RoundUpToPowerOf2(
        (uint)((((long)writes + 1) * PerfBreakpointOptions.SampleBytes / Environment.SystemPageSize) + 1));

    private static string Median(List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{Rounds.Median(ratios):0.00}x ({ratios[0]:0.00}-{ratios[^1]:0.00})");
    }

    // The baseline: the same loop under a count-only event (no ring: the kernel only counts each debug exception), or, sampled,
    // under an event that writes each hit to a ring large enough for all of them and never wakes anyone.
    private static async Task<double> KernelRateAsync(IHitWriter writer, int writes, bool sampled)
    {
        PerfBreakpointOptions options = sampled
            ? new PerfBreakpointOptions { RingDataPages = PagesFor(writes), WakeupEvents = NeverWake }
            : new PerfBreakpointOptions { CountOnly = true };
        using PerfBreakpoint counted = PerfBreakpoint.Open(
            BreakpointTarget.Task(writer.Tid), new BreakpointSpec(writer.Address, 8, BreakpointAccess.Write), options);
        TimeSpan took = await writer.WriteAsync(writes);
        PerfCounters counters = counted.ReadCounters();
        return (counters.Hits, counters.Lost) == ((ulong)writes, 0)
            ? writes / took.TotalSeconds
            : throw new InvalidOperationException(
                $"the kernel counted {counters.Hits} hits of {writes} writes and lost {counters.Lost}: breakpoints do not fire reliably here");
    }

    private static async Task<(double Rate, double WriterRate, int Received, ulong Lost, double OtherCores, TimeSpan LongestGap)> GrpcRateAsync(
        Arbiter.ArbiterClient arbiter, string session, IHitWriter writer, int writes, CancellationToken cancellationToken)
    {
        Reservation reservation = (await arbiter.ReserveAsync(new ReserveRequest
        {
            SessionId = session,
            Scope = new Scope { Task = new TaskTarget { Tid = (ulong)writer.Tid } },
            Breakpoint = new Breakpoint { Address = writer.Address, Length = 8, Access = Access.Write },
            Pinned = true,
        }, cancellationToken: cancellationToken)).Reservation;
        try
        {
            using var watch = arbiter.WatchHits(
                new WatchHitsRequest { SessionId = session, ReservationIds = { reservation.Id } }, cancellationToken: cancellationToken);
            await watch.ResponseHeadersAsync; // the node subscribed: nothing written from now on is missed
            int received = 0;
            long longestGap = 0;
            TimeSpan othersBefore = writer.OthersCpu();
            long start = Stopwatch.GetTimestamp();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task reading = Task.Run(async () =>
            {
                long last = 0;
                await foreach (HitEvent _ in watch.ResponseStream.ReadAllAsync(wait.Token))
                {
                    // From the first hit on: before it, the wait is for the writer to start.
                    long now = Stopwatch.GetTimestamp();
                    longestGap = last == 0 ? 0 : Math.Max(longestGap, now - last);
                    last = now;
                    if (++received == writes)
                    {
                        return;
                    }
                }
            }, cancellationToken);
            TimeSpan wrote = await writer.WriteAsync(writes);

            // Until every hit arrived; what never does was lost, and the listing says where.
            wait.CancelAfter(TimeSpan.FromSeconds(ClientWait));
            try
            {
                await reading;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                // Not every hit came: the losses below say why.
            }

            TimeSpan took = Stopwatch.GetElapsedTime(start);
            double cores = (writer.OthersCpu() - othersBefore) / took;
            ListReservationsResponse listed = await arbiter.ListReservationsAsync(
                new ListReservationsRequest { SessionId = session }, cancellationToken: cancellationToken);
            HitLosses? losses = listed.Reservations.Single(r => r.Id == reservation.Id).Losses;
            return (received / took.TotalSeconds, writes / wrote.TotalSeconds, received,
                losses is null ? 0 : losses.Kernel + losses.Reader + losses.Corrupt, cores, Stopwatch.GetElapsedTime(0, longestGap));
        }
        finally
        {
            await arbiter.ReleaseAsync(new ReleaseRequest { SessionId = session, ReservationId = reservation.Id }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Each way's rate over all counted rounds: their writes over the time they took.</summary>
    private sealed class PooledRates
    {
        private double _countSeconds;
        private double _samplingSeconds;
        private double _grpcSeconds;

        public double GrpcOfCount => _countSeconds / _grpcSeconds;

        public double GrpcOfSampling => _samplingSeconds / _grpcSeconds;

        public void Add(int writes, double count, double sampling, double grpc)
        {
            _countSeconds += writes / count;
            _samplingSeconds += writes / sampling;
            _grpcSeconds += writes / grpc;
        }
    }
}
