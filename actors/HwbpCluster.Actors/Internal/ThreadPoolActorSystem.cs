using Microsoft.Extensions.Logging;

namespace HwbpCluster.Actors.Internal;

/// <summary>The production system: every mailbox is drained by the thread pool.</summary>
internal sealed class ThreadPoolActorSystem(string name, TimeProvider time, ILoggerFactory? loggerFactory, ActorSystemOptions? options)
    : ActorSystem(name, time, loggerFactory, options)
{
    internal override Mailbox<TMessage> CreateMailbox<TMessage>(ActorCell<TMessage> cell) =>
        new ThreadPoolMailbox<TMessage>(cell, Options.Throughput);
}
