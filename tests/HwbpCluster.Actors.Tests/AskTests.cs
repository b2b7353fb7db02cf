using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class AskTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Ask_completes_with_the_reply_once_the_reply_is_processed()
    {
        var system = new DeterministicActorSystem(1);
        var counter = system.Spawn(() => new CounterActor(41));
        counter.Tell(new CounterMsg.Add(1));
        var answer = counter.Ask<int>(r => new CounterMsg.Get(r), Timeout);

        Assert.False(answer.IsCompleted);
        Assert.Equal(42, system.Run(answer));
    }

    [Fact]
    public async Task Ask_reply_is_a_scheduled_step_of_its_own()
    {
        var system = new DeterministicActorSystem(2) { RecordTrace = true };
        var counter = system.Spawn(() => new CounterActor(7), "counter");
        var answer = counter.Ask<int>(r => new CounterMsg.Get(r), Timeout);

        system.RunUntilIdle();

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(7, await answer);
        Assert.Contains(system.Trace, s => s.Actor.StartsWith("/temp/ask-", StringComparison.Ordinal) && Equals(s.Message, 7));
    }

    [Fact]
    public void Ask_without_a_reply_times_out_in_virtual_time()
    {
        var system = new DeterministicActorSystem(3);
        var counter = system.Spawn(() => new CounterActor());
        var answer = counter.Ask<int>(_ => new CounterMsg.Ignore(), TimeSpan.FromSeconds(30));

        system.AdvanceTime(TimeSpan.FromSeconds(29));
        Assert.False(answer.IsCompleted);

        system.AdvanceTime(TimeSpan.FromSeconds(1));
        Assert.IsType<AskTimeoutException>(answer.Exception?.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(30), system.Elapsed);
    }

    [Fact]
    public void Run_reports_the_timeout_of_an_unanswered_ask()
    {
        var system = new DeterministicActorSystem(4);
        var counter = system.Spawn(() => new CounterActor());
        var answer = counter.Ask<int>(_ => new CounterMsg.Ignore(), TimeSpan.FromSeconds(2));

        Assert.Throws<AskTimeoutException>(() => system.Run(answer));
        Assert.Equal(TimeSpan.FromSeconds(2), system.Elapsed);
    }

    [Fact]
    public void Run_detects_a_task_that_can_never_complete()
    {
        var system = new DeterministicActorSystem(5);
        var counter = system.Spawn(() => new CounterActor());
        var answer = counter.Ask<int>(_ => new CounterMsg.Ignore(), System.Threading.Timeout.InfiniteTimeSpan);

        Assert.Throws<InvalidOperationException>(() => system.Run(answer));
    }

    [Fact]
    public void Cancelling_an_ask_cancels_its_task_and_sends_the_late_reply_to_dead_letters()
    {
        var system = new DeterministicActorSystem(6);
        var counter = system.Spawn(() => new CounterActor());
        using var cts = new CancellationTokenSource();
        var answer = counter.Ask<int>(r => new CounterMsg.Get(r), Timeout, cts.Token);

        cts.Cancel();
        system.RunUntilQuiescent();

        Assert.True(answer.IsCanceled);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public void Ask_with_an_already_cancelled_token_sends_nothing()
    {
        var system = new DeterministicActorSystem(7);
        var recorder = new Recorder<CounterMsg>();
        var target = system.Spawn(() => new RecordingActor<CounterMsg>(recorder));

        var answer = target.Ask<int>(r => new CounterMsg.Get(r), Timeout, new CancellationToken(canceled: true));
        system.RunUntilQuiescent();

        Assert.True(answer.IsCanceled);
        Assert.Empty(recorder.Items);
    }

    [Fact]
    public void Ask_to_a_stopped_actor_times_out_and_counts_a_dead_letter()
    {
        var system = new DeterministicActorSystem(8);
        var counter = system.Spawn(() => new CounterActor());
        system.Stop(counter);
        system.RunUntilIdle();

        var answer = counter.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromSeconds(1));

        Assert.Throws<AskTimeoutException>(() => system.Run(answer));
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Ask_works_on_the_thread_pool()
    {
        await using var system = ActorSystem.Create("ask");
        var counter = system.Spawn(() => new CounterActor(5));

        Assert.Equal(5, await counter.Ask<int>(r => new CounterMsg.Get(r), Timeout));
    }

    [Fact]
    public async Task Ask_on_the_thread_pool_is_cancelled_by_its_token()
    {
        await using var system = ActorSystem.Create("ask-cancel");
        var counter = system.Spawn(() => new CounterActor());
        using var cts = new CancellationTokenSource();
        var answer = counter.Ask<int>(_ => new CounterMsg.Ignore(), System.Threading.Timeout.InfiniteTimeSpan, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
    }
}
