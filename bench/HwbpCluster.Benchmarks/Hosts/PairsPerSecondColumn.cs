using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HwbpCluster.Benchmarks.Hosts;

/// <summary>Operations per second (a reserve+release pair, or one simulated access), from the mean time per operation.</summary>
public sealed class PairsPerSecondColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PairsPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Ops/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Operations per second (1 / mean time per operation): reserve+release pairs, or accesses";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats ? (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture) : "-";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
