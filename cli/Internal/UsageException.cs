namespace HwbpCluster.Cli.Internal;

/// <summary>A command line that parses but cannot be run as written (e.g. two scopes at once); exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
