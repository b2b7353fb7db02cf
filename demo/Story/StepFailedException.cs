namespace HwbpCluster.Demo.Story;

/// <summary>A step found the node's answer (or its absence) other than the story needs; the demo exits 1 naming the step.</summary>
internal sealed class StepFailedException(string message) : Exception(message)
{
    /// <summary>Fails the step with <paramref name="what"/> unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new StepFailedException(what);
        }
    }
}
