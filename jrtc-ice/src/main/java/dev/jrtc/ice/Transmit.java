package dev.jrtc.ice;

import java.util.Arrays;

/**
 * A datagram the driver must send from {@code local} (a candidate base it bound) to
 * {@code remote}.
 *
 * @param local the local base address to send from
 * @param remote the destination
 * @param data the datagram (not copied; the driver must not modify it)
 */
public record Transmit(TransportAddress local, TransportAddress remote, byte[] data) {
  @Override
  public boolean equals(Object o) {
    return o instanceof Transmit && ((Transmit) o).local.equals(local) && ((Transmit) o).remote.equals(remote)
        && Arrays.equals(((Transmit) o).data, data);
  }

  @Override
  public int hashCode() {
    return (local.hashCode() * 31 + remote.hashCode()) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Transmit[" + local + " -> " + remote + ", " + data.length + " bytes]";
  }
}
