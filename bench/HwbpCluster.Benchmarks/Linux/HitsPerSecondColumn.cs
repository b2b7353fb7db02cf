using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Writes per second (1e9 / mean ns per write): hits per second for the watched cases.</summary>
public sealed class HitsPerSecondColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(HitsPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Writes/s";

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
    public string Legend => "Writes per second (1e9 / mean ns per write); each watched write is one hardware-breakpoint hit";

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
