namespace HwbpCluster.Arbitration.Tests.Model;

internal enum OpKind
{
    ReserveCpu,
    ReserveTask,
    ReserveTaskOnCpu,
    ReserveWide,
    Release,
    Modify,
    Fork,
    Exit,
}
