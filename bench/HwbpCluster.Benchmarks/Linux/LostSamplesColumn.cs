using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Samples that never reached the consumer (kernel lost + reader dropped + unaccounted) of the kernel's hit count.</summary>
public sealed class LostSamplesColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(LostSamplesColumn);

    /// <inheritdoc/>
    public string ColumnName => "Lost of hits";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => false;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Samples lost by the kernel, dropped by the reader or unaccounted, of all hits the kernel counted in the run";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        LossLedger.Read(benchmarkCase.Descriptor.WorkloadMethod.Name) ?? "-";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
