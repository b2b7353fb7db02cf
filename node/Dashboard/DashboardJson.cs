using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The dashboard's JSON: hosts and members in protobuf's JSON mapping (the field names of hwbp.v1), wrapped in small envelopes.</summary>
internal static class DashboardJson
{
    // Defaults written out, so the page never has to tell a missing field from false or 0.
    private static readonly JsonFormatter Proto = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>One protobuf message in its JSON mapping (one line).</summary>
    public static string Message(IMessage message) => Proto.Format(message);

    /// <summary>One host: its state and reservations as GetHost and ListReservations give them, with the rates the dashboard measured.</summary>
    public static string Host(HostView host, double hitsPerSecond, IReadOnlyDictionary<string, double> rates) => Object(json =>
    {
        json.WriteString("name", host.Name);
        json.WriteString("node", host.Node);
        json.WriteBoolean("reachable", host.Reachable);
        json.WriteString("error", host.Error);
        json.WriteNumber("hitsPerSecond", Math.Round(hitsPerSecond, 1));
        json.WriteStartObject("rates");
        foreach (var (id, rate) in rates)
        {
            json.WriteNumber(id, Math.Round(rate, 1));
        }

        json.WriteEndObject();
        json.WritePropertyName("state");
        if (host.State is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(Message(host.State), skipInputValidation: true);
        }

        RawArray(json, "reservations", host.Reservations.Select(Message));
    });

    /// <summary>Writes <c>"name": [raw, raw, …]</c> from JSON values already formatted.</summary>
    public static void RawArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteRawValue(value, skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    /// <summary>One JSON object, on one line.</summary>
    public static string Object(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One server-sent event: its type and a JSON object as its one data line (unindented JSON has no newline).</summary>
    public static string Event(string type, Action<Utf8JsonWriter> write) => $"event: {type}\ndata: {Object(write)}\n\n";
}
