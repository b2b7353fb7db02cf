using HwbpCluster.Node;

return await NodeApp.RunAsync(args);
