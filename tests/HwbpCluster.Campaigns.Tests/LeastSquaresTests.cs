using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Campaigns.Proc;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The soak reports the least-squares slope; it must be the true rate of a line and ignore symmetric noise.</summary>
public sealed class LeastSquaresTests
{
    [Fact]
    public void The_slope_of_points_on_a_line_is_that_line_s_slope() =>
        Prop.ForAll(
            Gen.Choose(-1_000, 1_000).ToArbitrary(),
            Gen.Choose(-100_000, 100_000).ToArbitrary(),
            Gen.Choose(2, 60).ToArbitrary(),
            (slope, intercept, n) =>
            {
                var points = Enumerable.Range(0, n).Select(i => ((double)i * 10, (slope * i * 10.0) + intercept)).ToList();
                return Math.Abs(LeastSquares.Slope(points) - slope) < 1e-6;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Noise_that_alternates_around_a_flat_line_gives_a_zero_slope()
    {
        var points = Enumerable.Range(0, 40).Select(i => ((double)i, 100.0 + (i % 2 == 0 ? 5 : -5))).ToList();
        points.Add((40, 100)); // an odd count would tilt the alternation; the last point sits on the line
        Assert.InRange(LeastSquares.Slope(points), -0.3, 0.3);
        Assert.Equal(0, LeastSquares.Slope([(0, 7), (1, 7), (2, 7)]));
    }

    [Fact]
    public void Fewer_than_two_distinct_times_has_no_slope()
    {
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([(1, 2)]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([(1, 2), (1, 5)]));
    }
}
