namespace HwbpCluster.Campaigns.Proc;

/// <summary>The least-squares line through points: how fast a quantity grows, without trusting any one noisy reading.</summary>
public static class LeastSquares
{
    /// <summary>The slope (change of y per unit of x) of the least-squares line through <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two distinct x values.</exception>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var meanX = n == 0 ? 0 : points.Average(p => p.X);
        var meanY = n == 0 ? 0 : points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (n < 2 || sxx == 0)
        {
            throw new ArgumentException("a slope needs at least two distinct x values", nameof(points));
        }

        return points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }
}
