namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Which reservation a kernel event carries out, and its index among the reservation's events (the hit's slot).</summary>
internal readonly record struct EventBinding(ArmedReservation Reservation, int Slot);
