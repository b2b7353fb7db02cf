using HwbpCluster.Demo.Cluster;
using HwbpCluster.Demo.Output;
using HwbpCluster.Demo.Story;

namespace HwbpCluster.Demo.Tests;

/// <summary>The runner in-process, with acts that need no cluster: a failed step ends the demo with exit 1, naming the step.</summary>
public sealed class DemoRunTests
{
    [Fact]
    public async Task A_step_that_fails_ends_the_demo_with_exit_1_naming_the_step_and_the_later_acts_never_run()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var later = new Act("later", _ => Task.FromResult("ran"));
        IAct[] acts =
        [
            new Act("first", _ => Task.FromResult("first did it")),
            new Act("broken", _ => throw new StepFailedException("DR7 is 0x0, not 0x1")),
            later,
        ];

        var code = await RunAsync(acts, output, error);

        Assert.Equal(DemoRun.Failed, code);
        Assert.Contains("ok first did it", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("hwbp-demo: step 'broken' failed: DR7 is 0x0, not 0x1 (seed 7; rerun with --seed 7)", error.ToString(), StringComparison.Ordinal);
        Assert.False(later.Ran);
        Assert.DoesNotContain("ok demo:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_error_in_a_step_is_named_with_its_status()
    {
        var error = new StringWriter();
        IAct[] acts = [new Act("fleet", _ => throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "host gone")))];

        Assert.Equal(DemoRun.Failed, await RunAsync(acts, new StringWriter(), error));
        Assert.Contains("step 'fleet' failed: the node answered Unavailable: host gone", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_step_passes_the_summary_lists_the_figures_and_the_exit_code_is_0()
    {
        var output = new StringWriter();
        IAct[] acts =
        [
            new Act("one", story =>
            {
                story.Figures.Add(("kill -9 -> leases released", "3000 ms"));
                return Task.FromResult("one did it");
            }),
        ];

        Assert.Equal(DemoRun.Ok, await RunAsync(acts, output, new StringWriter()));
        Assert.Contains("kill -9 -> leases released", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok demo: all 1 steps did what they should", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--no-live", "--seed", "42" }, false, 42, false)]
    [InlineData(new[] { "--keep" }, true, 5, true)]
    [InlineData(new string[0], true, 5, false)]
    public void Options_parse(string[] args, bool live, int seed, bool keep)
    {
        var options = DemoOptions.Parse(args, terminal: true, () => 5, out var error);
        Assert.Null(error);
        Assert.Equal(new DemoOptions(live, seed, keep), options);
    }

    [Theory]
    [InlineData("--seed", "--seed needs a number")]
    [InlineData("--seed=x", "unknown argument '--seed=x'")]
    public void Bad_options_say_what_is_wrong(string arg, string says)
    {
        Assert.Null(DemoOptions.Parse([arg], terminal: false, () => 5, out var error));
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_that_is_not_a_terminal_is_plain_by_default() =>
        Assert.False(DemoOptions.Parse([], terminal: false, () => 5, out _)!.Live);

    private static async Task<int> RunAsync(IReadOnlyList<IAct> acts, StringWriter output, StringWriter error)
    {
        // A planned cluster that is never started: these acts do not call it.
        await using var cluster = LocalCluster.Plan();
        await using var story = new StoryContext(cluster, new PlainWriter(output, error), 7, CancellationToken.None);
        return await DemoRun.RunAsync(acts, story, 7, keep: false, error);
    }

    private sealed class Act(string step, Func<StoryContext, Task<string>> run) : IAct
    {
        public bool Ran { get; private set; }

        public string Step => step;

        public string Title => step;

        public Task<string> RunAsync(StoryContext story)
        {
            Ran = true;
            return run(story);
        }
    }
}
