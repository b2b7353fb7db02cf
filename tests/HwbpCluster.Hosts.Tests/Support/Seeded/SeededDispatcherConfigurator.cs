using Akka.Configuration;
using Akka.Dispatch;

namespace HwbpCluster.Hosts.Tests.Support.Seeded;

/// <summary>Makes the one <see cref="SeededDispatcher"/> of a system (Akka asks the configurator for it by the dispatcher's id).</summary>
public sealed class SeededDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly SeededDispatcher _dispatcher;

    public SeededDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        _dispatcher = new SeededDispatcher(this);
    }

    public override MessageDispatcher Dispatcher() => _dispatcher;
}
