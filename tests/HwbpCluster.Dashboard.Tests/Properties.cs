// The browser tests measure latencies on two cores: nothing else of this assembly runs beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
