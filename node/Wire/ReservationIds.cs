using System.Globalization;

namespace HwbpCluster.Node.Wire;

/// <summary>Wire reservation ids "HOST/N": the host's own id qualified by the host's name, so any node can route a call by id.</summary>
internal static class ReservationIds
{
    /// <summary>Formats host <paramref name="host"/>'s reservation <paramref name="id"/>.</summary>
    public static string Format(string host, long id) => string.Create(CultureInfo.InvariantCulture, $"{host}/{id}");

    /// <summary>Parses a wire id; throws INVALID_ARGUMENT naming <paramref name="field"/> when malformed.</summary>
    public static (string Host, long Id) Parse(string text, string field)
    {
        if (!TryParse(text, out var host, out var id))
        {
            throw RpcErrors.InvalidArgument(field, $"'{text}' is not a reservation id of the form HOST/N (e.g. h1/42)");
        }

        return (host, id);
    }

    /// <summary>Parses a wire id; false when it is not HOST/N with a non-empty host and a positive N.</summary>
    public static bool TryParse(string text, out string host, out long id)
    {
        host = string.Empty;
        id = 0;
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0)
        {
            return false;
        }

        host = text[..slash];
        return true;
    }
}
