using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HwbpCluster.Benchmarks;

/// <summary>Operations per second (1e9 / mean ns per operation), under the name and legend each benchmark gives them.</summary>
/// <param name="columnName">Header, such as <c>Msgs/s</c>.</param>
/// <param name="legend">What one operation is.</param>
public sealed class RatePerSecondColumn(string columnName, string legend) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(RatePerSecondColumn) + "." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName => columnName;

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
    public string Legend => legend;

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
